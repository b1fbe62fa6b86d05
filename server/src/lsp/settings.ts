import * as path from 'node:path';
import { checkSchemaFileSize, compileCustomSchema, FileRefusal, Locale, MAX_SCHEMA_FILE_MB, MemoSchema, SchemaRefusal, t } from '../engine';
import { isInside } from '../files/limits';
import { localPathOf } from './file-uris';
import type { ReadLimits, TextRead } from '../files/read';
import { defaultSettings, MemoSettings } from './protocol';
import type { ServerRuntime } from './runtime';

/** How long the client is given to answer `workspace/configuration` before the defaults are used. */
export const CONFIGURATION_WAIT_MS = 1500;

/** What the settings need from the server. */
export interface SettingsDeps {
  timers: Pick<ServerRuntime, 'setTimeout' | 'clearTimeout'>;
  /** Tells the writer something (a `window/showMessage` notification). */
  inform(message: string): void;
  /** Writes to the server's log. */
  warn(message: string): void;
}

/** The `policyMemo` settings of each memo, the client's locale and the workspace's trust. */
export class SettingsStore {
  /** Asks the client for a memo's `policyMemo` settings; unset when the client cannot be asked (the pushed settings apply). */
  ask: ((uri: string) => Promise<unknown>) | undefined;
  /** The client's display language, used when the `locale` setting is `auto`. */
  clientLocale: Locale = 'en';
  /** Whether the workspace is trusted (a custom schema is honoured only then). */
  trusted = false;
  private readonly cache = new Map<string, Promise<MemoSettings>>();
  /** The `policyMemo` settings the client pushed (`initializationOptions.settings`, `workspace/didChangeConfiguration`). */
  private pushed: unknown;
  private toldUnanswered = false;
  /** The invalid values the writer was told about (once each). */
  private readonly toldInvalid = new Set<string>();

  constructor(private readonly deps: SettingsDeps) {}

  /**
   * A memo's settings, asked once until they change or it closes. A client that cannot be asked gets
   * the settings it pushed; one that does not answer within CONFIGURATION_WAIT_MS, those or the defaults.
   */
  of(uri: string): Promise<MemoSettings> {
    let settings = this.cache.get(uri);
    if (!settings) {
      const ask = this.ask;
      settings = ask ? this.askWithin(ask, uri).then((value) => (value === unanswered ? this.read(this.pushed) : this.read(value))) : Promise.resolve(this.read(this.pushed));
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /**
   * Takes the settings a client pushed: `{policyMemo: {...}}`, as `workspace/didChangeConfiguration`
   * sends them and `initializationOptions.settings` holds them. Anything else leaves them as they were.
   */
  push(settings: unknown): void {
    const section = isObject(settings) ? settings.policyMemo : undefined;
    if (isObject(section)) this.pushed = section;
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

  /** The client's answer, or `unanswered` when it fails or takes too long (said once in the log). */
  private askWithin(ask: (uri: string) => Promise<unknown>, uri: string): Promise<unknown> {
    return new Promise((resolve) => {
      const timer = this.deps.timers.setTimeout(() => {
        if (!this.toldUnanswered) {
          this.toldUnanswered = true;
          this.deps.warn(`policy-memo: the client did not answer workspace/configuration within ${CONFIGURATION_WAIT_MS / 1000} s; the settings it pushed (or the defaults) are used`);
        }
        resolve(unanswered);
      }, CONFIGURATION_WAIT_MS);
      const settle = (value: unknown) => {
        this.deps.timers.clearTimeout(timer);
        resolve(value);
      };
      ask(uri).then(settle, () => settle(unanswered));
    });
  }

  /** Settings from a client's `policyMemo` object: each invalid value is replaced by its default, and the writer told once. */
  private read(value: unknown): MemoSettings {
    const given = isObject(value) ? value : {};
    const settings: MemoSettings = { ...defaultSettings };
    const invalid: { name: keyof MemoSettings; value: unknown }[] = [];
    const take = <K extends keyof MemoSettings>(name: K, valid: (v: unknown) => v is MemoSettings[K]) => {
      const v = given[name];
      if (v === undefined || v === null) return;
      if (valid(v)) settings[name] = v;
      else invalid.push({ name, value: v });
    };
    take('run', (v): v is MemoSettings['run'] => v === 'onType' || v === 'onSave');
    take('schema', (v): v is string => typeof v === 'string');
    take('locale', (v): v is MemoSettings['locale'] => v === 'auto' || v === 'en' || v === 'fr');
    take('maxFileSize', (v): v is number => typeof v === 'number' && Number.isFinite(v));
    for (const { name, value: v } of invalid) {
      const shown = shownValue(v);
      if (this.toldInvalid.has(`${name}=${shown}`)) continue;
      this.toldInvalid.add(`${name}=${shown}`);
      this.deps.inform(t(this.localeOf(settings), 'settings.invalid', { name, value: shown, default: shownValue(defaultSettings[name]) }));
    }
    return settings;
  }
}

const unanswered = Symbol('unanswered');

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A setting's value as the writer wrote it, short and in printable ASCII (it is shown in a message). */
function shownValue(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  const short = json.length > 60 ? `${json.slice(0, 57)}...` : json;
  return short.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The `trusted` value of `initializationOptions` or of a trust notification (undefined when there is none). */
export function trustIn(params: unknown): unknown {
  return typeof params === 'object' && params !== null ? (params as Record<string, unknown>).trusted : undefined;
}

/** The `maxFileSize` setting in megabytes (the default when it is not a positive number). */
export function sizeLimit(settings: MemoSettings): number {
  return settings.maxFileSize > 0 ? settings.maxFileSize : defaultSettings.maxFileSize;
}

/** The longest a memo's text can be (UTF-16 code units) and still be checked as the writer types. */
export function maxLiveLength(settings: MemoSettings): number {
  return sizeLimit(settings) * 1024 * 1024;
}

/** Whether a memo is above the `maxFileSize` setting. */
export function isLarge(document: { getText(): string }, settings: MemoSettings): boolean {
  return document.getText().length > maxLiveLength(settings);
}

/** Whether a memo is checked as the writer types (`run: onType`, and not above `maxFileSize`), else on open and save only. */
export function checksAsTyped(document: { getText(): string }, settings: MemoSettings): boolean {
  return settings.run === 'onType' && !isLarge(document, settings);
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
