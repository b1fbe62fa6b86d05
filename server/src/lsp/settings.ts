import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { checkSchemaFileSize, compileCustomSchema, MemoSchema, SchemaRefusal } from '../engine';
import type { MemoSettings } from './protocol';

/** A custom schema as loaded for a workspace: the compiled schema, or why it cannot be used. */
export interface CustomSchema {
  shownPath: string;
  schema?: MemoSchema;
  /** Why the schema cannot be used: a refusal (translatable) or the parser's or ajv's own message. */
  problem?: SchemaRefusal | string;
  /** The setting names a URL, which is never fetched (said from the catalogue, in the writer's language). */
  remote?: boolean;
}

/** Reads and compiles custom schemas, keeping each compiled one until its text changes. */
export class SchemaLoader {
  private readonly cache = new Map<string, { text: string; result: CustomSchema }>();

  constructor(private readonly readFile: (file: string) => Promise<string>) {}

  /** The custom schema for a document, or undefined when none is set. Never fetches: URLs are refused. */
  async load(settings: MemoSettings, documentUri: string, folders: readonly string[]): Promise<CustomSchema | undefined> {
    const setting = settings.schema.trim();
    if (!setting) return undefined;
    if (/^[a-z][a-z0-9+.-]+:/i.test(setting) && !/^[a-z]:[\\/]/i.test(setting)) {
      return { shownPath: setting, remote: true };
    }
    const root = workspaceFolderOf(documentUri, folders);
    const file = path.resolve(root, setting);
    let text: string;
    try {
      text = await this.readFile(file);
    } catch (error) {
      return { shownPath: setting, problem: (error as NodeJS.ErrnoException).code ?? String(error) };
    }
    const cached = this.cache.get(file);
    if (cached && cached.text === text) return cached.result;
    let result: CustomSchema;
    try {
      checkSchemaFileSize(text);
      result = { shownPath: setting, schema: compileCustomSchema(JSON.parse(text)) };
    } catch (error) {
      result = { shownPath: setting, problem: error instanceof SchemaRefusal ? error : (error as Error).message };
    }
    this.cache.set(file, { text, result });
    return result;
  }
}

/** The workspace folder (a path) holding a document; the document's own folder when none does. */
export function workspaceFolderOf(documentUri: string, folders: readonly string[]): string {
  const file = documentUri.startsWith('file:') ? fileURLToPath(documentUri) : documentUri;
  const holding = folders.filter((f) => file === f || file.startsWith(f.endsWith(path.sep) ? f : f + path.sep));
  holding.sort((a, b) => b.length - a.length);
  return holding[0] ?? path.dirname(file);
}

/** A `file:` URI's path, or the URI itself. */
export function uriToPath(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).toString();
}
