import { isMap } from 'yaml';
import configSchema from '../../../../schemas/config.schema.json';
import directorySchema from '../../../../schemas/directory.schema.json';
import glossarySchema from '../../../../schemas/glossary.schema.json';
import { keyNodeAt, nodeAt } from '../ast';
import type { Finding } from '../findings';
import { refusalText } from '../file-refusal';
import { Locale, MessageId, MessageParams, t } from '../messages';
import { MAX_ALIAS_COUNT, MAX_YAML_NODES, parseYamlDocument, yamlComplexity } from '../parse';
import { YAML_ERROR_MESSAGES } from '../rules/yaml-syntax';
import { compileShippedSchema, errorPath, JsonSchema, MAX_VALUES_FOR_ALL_ERRORS, MemoSchema, SchemaError, validateMemoData } from '../schema';
import { LineIndex } from '../text';
import { starterDirectory } from './starter-directory';
import type { ConfigFile, ConfigProblem, Directory, DirectoryEntry, GlossaryTerm, MemoConfig } from './types';

/** The three files of a `.policy-memo/` folder, as the host found them (absent files are undefined). */
export interface ConfigFiles {
  config?: ConfigFile;
  directory?: ConfigFile;
  glossary?: ConfigFile;
  /** Where `glossary.yaml` is or would be created. */
  glossaryPath?: string;
}

/** The configuration every memo gets when no `.policy-memo/` folder applies. */
export function defaultConfig(): MemoConfig {
  return {
    severities: {},
    typography: 'canada',
    contactDomains: [],
    acronyms: [],
    ignore: [],
    directory: starterDirectory,
    glossary: [],
    problems: [],
  };
}

let compiled: Record<'config' | 'directory' | 'glossary', MemoSchema> | undefined;
function schemas() {
  compiled ??= {
    config: compileShippedSchema(configSchema as JsonSchema),
    directory: compileShippedSchema(directorySchema as JsonSchema),
    glossary: compileShippedSchema(glossarySchema as JsonSchema),
  };
  return compiled;
}

/**
 * Reads the folder's files into one configuration. A file that is not valid YAML or does not match
 * its schema is ignored as a whole (its part stays at the defaults) and gives one problem, in that file.
 */
export function buildConfig(files: ConfigFiles): MemoConfig {
  const config = defaultConfig();
  config.glossaryPath = files.glossaryPath ?? files.glossary?.path;
  config.glossaryText = files.glossary?.refusal ? undefined : files.glossary?.text;
  const settings = read(files.config, 'config', config.problems) as
    | { rules?: MemoConfig['severities']; typography?: MemoConfig['typography']; contactDomains?: string[]; acronyms?: string[]; ignore?: string[] }
    | undefined;
  if (settings) {
    config.severities = { ...settings.rules };
    config.typography = settings.typography ?? 'canada';
    config.contactDomains = settings.contactDomains ?? [];
    config.acronyms = settings.acronyms ?? [];
    config.ignore = settings.ignore ?? [];
  }
  const directory = read(files.directory, 'directory', config.problems) as Partial<Directory> | undefined;
  if (directory) {
    config.directory = {
      ministries: overlay(starterDirectory.ministries, directory.ministries ?? []),
      divisions: overlay(starterDirectory.divisions, directory.divisions ?? []),
    };
  }
  const glossary = read(files.glossary, 'glossary', config.problems) as GlossaryTerm[] | undefined;
  if (glossary) config.glossary = glossary;
  return config;
}

/** Compares official names: spacing and the two apostrophes do not count. */
export function sameName(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}

export function normalizeName(name: string): string {
  return name.replace(/[\u2019\u02bc]/g, "'").replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/** The starter entries, with the workspace's replacing those of the same English or French name. */
function overlay(base: readonly DirectoryEntry[], own: readonly DirectoryEntry[]): DirectoryEntry[] {
  const kept = base.filter((b) => !own.some((o) => sameName(o.en, b.en) || sameName(o.fr, b.fr)));
  return [...own, ...kept];
}

function read(file: ConfigFile | undefined, kind: 'config' | 'directory' | 'glossary', problems: ConfigProblem[]): unknown {
  if (!file) return undefined;
  if (file.refusal) {
    problems.push({ file, start: 0, end: 0, message: 'config.unread', params: {}, refusal: file.refusal });
    return undefined;
  }
  const { doc } = parseYamlDocument(file.text);
  const fail = (start: number, end: number, message: MessageId, params: MessageParams = {}) => {
    problems.push({ file, start, end: Math.max(start, end), message, params });
    return undefined;
  };
  // Undefined when the file has too many tokens to parse in bounded time.
  if (!doc) return fail(0, lineEnd(file.text), 'yaml.tooManyNodes');
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    // The parser's own text is English and technical: each of its error codes has a message of ours.
    return fail(error.pos[0], error.pos[1], YAML_ERROR_MESSAGES[error.code]);
  }
  const tooComplex = yamlComplexity(doc);
  if (tooComplex) {
    return fail(tooComplex.range[0], tooComplex.range[1], tooComplex.aliases ? 'yaml.aliasExpansion' : 'yaml.tooManyNodes', tooComplex.aliases ? { limit: MAX_YAML_NODES } : {});
  }
  let data: unknown;
  try {
    data = doc.contents === null ? (kind === 'glossary' ? [] : {}) : doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    // toJS refuses an alias used past the limit (its only refusal for a document that parsed).
    return fail(0, lineEnd(file.text), 'yaml.aliases', { limit: MAX_ALIAS_COUNT });
  }
  // One error is reported: past MAX_VALUES_FOR_ALL_ERRORS values (aliases counting what they repeat),
  // the first found, rather than all of them (99 aliases of a 990-key entry: 98,000 errors, seconds).
  const large = yamlComplexity(doc, MAX_VALUES_FOR_ALL_ERRORS) !== undefined;
  const errors = validateMemoData(schemas()[kind], data, large);
  if (errors.length === 0) return data;
  const error = pickError(errors);
  const path = errorPath(error);
  const root = doc.contents;
  if (error.keyword === 'additionalProperties') {
    const key = String(error.params.additionalProperty);
    const node = keyNodeAt(root, [...path, key]);
    const [start, end] = node?.range ?? [0, lineEnd(file.text)];
    return fail(start, end, 'config.unknownKey', { key });
  }
  const node = nodeAt(root, path) ?? keyNodeAt(root, path);
  const [start, end] = node?.range ?? (isMap(root) && root.range ? [root.range[0], lineEnd(file.text)] : [0, lineEnd(file.text)]);
  const key = path.filter((p) => typeof p === 'string').join('.') || kind;
  if (error.keyword === 'enum') return fail(start, end, 'config.enum', { key, values: (error.params.allowedValues as unknown[]).join(', ') });
  if (error.keyword === 'required') return fail(start, end, 'config.required', { key, missing: String(error.params.missingProperty) });
  return fail(start, end, 'config.value', { key });
}

/** The most telling error: an unknown key or a bad value rather than ajv's follow-on ones. */
function pickError(errors: SchemaError[]): SchemaError {
  return errors.find((e) => e.keyword === 'additionalProperties') ?? errors.find((e) => e.keyword !== 'if') ?? errors[0];
}

function lineEnd(text: string): number {
  const end = text.search(/\r?\n|\r/);
  return end < 0 ? text.length : end;
}

/** A config file's problem as a finding in that file (rule `config`), in the writer's language. */
export function configProblemFinding(problem: ConfigProblem, locale: Locale): Finding {
  const lines = new LineIndex(problem.file.text);
  return {
    rule: 'config',
    severity: 'error',
    message: t(locale, 'config.ignored', { problem: t(locale, problem.message, problem.refusal ? { ...problem.params, reason: refusalText(locale, problem.refusal) } : problem.params) }),
    range: lines.range(problem.start, problem.end),
    fixes: [],
  };
}
