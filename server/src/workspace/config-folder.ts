import * as path from 'node:path';
import { buildConfig, ConfigFile, FileRefusal, MemoConfig, MemoFiles } from '../engine';

/** The folder a workspace keeps its Policy Memo lists in. */
export const CONFIG_FOLDER = '.policy-memo';
export const CONFIG_FILES = ['config.yaml', 'directory.yaml', 'glossary.yaml'] as const;

/**
 * The `.policy-memo` folder that applies to a file: the nearest one in its folder or above, not
 * looking above `stop` (a workspace root) when one is given.
 */
export function findConfigFolder(file: string, isFolder: (p: string) => boolean, stop?: string): string | undefined {
  let dir = path.dirname(path.resolve(file));
  const top = stop ? path.resolve(stop) : undefined;
  for (;;) {
    const candidate = path.join(dir, CONFIG_FOLDER);
    if (isFolder(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir || (top && dir === top)) return undefined;
    dir = parent;
  }
}

/** findConfigFolder with an asynchronous `isFolder` (the language server: on the web, the client answers). */
export async function findConfigFolderAsync(file: string, isFolder: (p: string) => Promise<boolean>, stop?: string): Promise<string | undefined> {
  let dir = path.dirname(path.resolve(file));
  const top = stop ? path.resolve(stop) : undefined;
  for (;;) {
    const candidate = path.join(dir, CONFIG_FOLDER);
    if (await isFolder(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir || (top && dir === top)) return undefined;
    dir = parent;
  }
}

type Read<R> = (file: string) => R;
/** A config file's text, undefined when it does not exist, or why it was not read. */
type ConfigText = string | FileRefusal | undefined;

function assemble(folder: string | undefined, texts: ConfigText[], glossaryFolder = folder): MemoConfig {
  const file = (i: number): ConfigFile | undefined => {
    const text = texts[i];
    if (!folder || text === undefined || (typeof text !== 'string' && text.refused === 'notFound')) return undefined;
    const where = path.join(folder, CONFIG_FILES[i]);
    return typeof text === 'string' ? { path: where, text } : { path: where, text: '', refusal: text };
  };
  return buildConfig({
    config: file(0),
    directory: file(1),
    glossary: file(2),
    glossaryPath: glossaryFolder ? path.join(glossaryFolder, 'glossary.yaml') : undefined,
  });
}

/** Loads a config folder with a synchronous reader (the CLI). `glossaryFolder` is where a new glossary would go. */
export function loadConfigSync(folder: string | undefined, read: Read<ConfigText>, glossaryFolder?: string): MemoConfig {
  const texts = folder ? CONFIG_FILES.map((name) => read(path.join(folder, name))) : [];
  return assemble(folder, texts, folder ?? glossaryFolder);
}

/** Loads a config folder with an asynchronous reader (the language server). */
export async function loadConfig(folder: string | undefined, read: Read<Promise<ConfigText>>, glossaryFolder?: string): Promise<MemoConfig> {
  const texts = folder ? await Promise.all(CONFIG_FILES.map((name) => read(path.join(folder, name)))) : [];
  return assemble(folder, texts, folder ?? glossaryFolder);
}

/** File access for the engine's cross-file checks, given a synchronous reader. */
export function memoFiles(self: string, read: Read<string | FileRefusal | undefined>): MemoFiles {
  return { self: path.resolve(self), read, resolve: (from, relative) => path.resolve(path.dirname(from), relative) };
}
