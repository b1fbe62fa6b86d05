import * as path from 'node:path';
import { checkSchemaFileSize, compileCustomSchema, FileRefusal, Locale, MAX_SCHEMA_FILE_MB, MemoSchema, SchemaRefusal } from '../engine';
import { isInside } from '../files/limits';
import { localPathOf } from './file-uris';
import type { ReadLimits, TextRead } from '../files/read';
import { defaultSettings, MemoSettings } from './protocol';

/** The `policyMemo` settings of each memo, the client's locale and the workspace's trust. */
export class SettingsStore {
  /** Asks the client for a memo's `policyMemo` settings; unset when the client cannot be asked (the defaults apply). */
  ask: ((uri: string) => Promise<unknown>) | undefined;
  /** The client's display language, used when the `locale` setting is `auto`. */
  clientLocale: Locale = 'en';
  /** Whether the workspace is trusted (a custom schema is honoured only then). */
  trusted = false;
  private readonly cache = new Map<string, Promise<MemoSettings>>();

  /** A memo's settings, asked once until they change or it closes. */
  of(uri: string): Promise<MemoSettings> {
    const ask = this.ask;
    if (!ask) return Promise.resolve(defaultSettings);
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = ask(uri)
        .then((value) => ({ ...defaultSettings, ...((value as Partial<MemoSettings> | null) ?? {}) }))
        .catch(() => defaultSettings);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** The language a memo with these settings is checked in. */
  localeOf(settings: MemoSettings): Locale {
    return settings.locale === 'en' || settings.locale === 'fr' ? settings.locale : this.clientLocale;
  }

  /** Forgets a closed memo's settings. */
  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** Forgets every memo's settings (they changed). */
  clear(): void {
    this.cache.clear();
  }
}

/** The `trusted` value of `initializationOptions` or of a trust notification (undefined when there is none). */
export function trustIn(params: unknown): unknown {
  return typeof params === 'object' && params !== null ? (params as Record<string, unknown>).trusted : undefined;
}

/** The `maxFileSize` setting in megabytes (the default when it is not a positive number). */
export function sizeLimit(settings: MemoSettings): number {
  return settings.maxFileSize > 0 ? settings.maxFileSize : defaultSettings.maxFileSize;
}

/** Whether a memo is above the `maxFileSize` setting. */
export function isLarge(document: { getText(): string }, settings: MemoSettings): boolean {
  return document.getText().length > sizeLimit(settings) * 1024 * 1024;
}

/** A custom schema as loaded for a workspace: the compiled schema, or why it cannot be used. */
export interface CustomSchema {
  shownPath: string;
  schema?: MemoSchema;
  /** Why the schema cannot be used: a refusal (translatable), why the file was not read, or the parser's or ajv's own message. */
  problem?: SchemaRefusal | FileRefusal | string;
  /** The setting names a URL, which is never fetched (said from the catalogue, in the writer's language). */
  remote?: boolean;
}

/** Reads and compiles custom schemas, keeping each compiled one until its text changes. */
export class SchemaLoader {
  private readonly cache = new Map<string, { text: string; result: CustomSchema }>();

  constructor(private readonly readFile: (file: string, limits: ReadLimits) => Promise<TextRead>) {}

  /** The custom schema for a document, or undefined when none is set. Never fetches: URLs are refused. */
  async load(settings: MemoSettings, documentUri: string, folders: readonly string[]): Promise<CustomSchema | undefined> {
    const setting = settings.schema.trim();
    if (!setting) return undefined;
    if (/^[a-z][a-z0-9+.-]+:/i.test(setting) && !/^[a-z]:[\\/]/i.test(setting)) {
      return { shownPath: setting, remote: true };
    }
    const root = workspaceFolderOf(documentUri, folders);
    const file = path.resolve(root, setting);
    // The limit is on characters (checkSchemaFileSize): a UTF-8 character is at most 4 bytes.
    const read = await this.readFile(file, { maxBytes: MAX_SCHEMA_FILE_MB * 4 * 1024 * 1024 });
    if (!('text' in read)) return { shownPath: setting, problem: read };
    const text = read.text;
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
  const file = uriToPath(documentUri);
  const holding = folders.filter((f) => isInside(f, file));
  holding.sort((a, b) => b.length - a.length);
  return holding[0] ?? path.dirname(file);
}

/** A `file:` URI's path, or the URI itself (for another scheme, or a file URI with no local path). */
export function uriToPath(uri: string): string {
  return localPathOf(uri) ?? uri;
}

// The desktop's `file:` URIs and local paths; the web build swaps in file-uris.browser.ts (every workspace URI gets a path).
export { localPathOf, pathToUri } from './file-uris';
