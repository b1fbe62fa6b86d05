/** The memo engine: parse, validate, rules and fixes as data. Imports neither vscode nor the LSP libraries. */
export { checkMemo, checkParsed, fixMemo, safeEdits } from './check';
export type { CheckOptions, CheckResult } from './check';
export type { Finding, Fix, RelatedPlace, Severity } from './findings';
export { catalogues, t, toLocale } from './messages';
export type { Locale, MessageId } from './messages';
export { memoKindOf, parseMemo, splitFrontMatter } from './parse';
export type { MemoKind, ParsedMemo } from './parse';
export { builtInMemoSchema, compileCustomSchema } from './schema';
export type { MemoSchema } from './schema';
export { ruleIds, rules } from './rules';
export { applyEdits, LineIndex } from './text';
export type { Position, Range, TextEdit } from './text';
export { completeAt, hoverAt } from './assist';
export type { HoverInfo, Suggestion } from './assist';
