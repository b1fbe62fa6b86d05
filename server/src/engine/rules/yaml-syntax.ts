import type { ErrorCode } from 'yaml';
import type { RuleContext } from '../context';
import type { Fix } from '../findings';
import type { MessageId } from '../messages';
import { MAX_ALIAS_COUNT, MAX_YAML_LENGTH, MAX_YAML_NODES } from '../parse';
import type { Rule } from '../rule';
import { duplicateKeys, explain, lastKeyLineEnd, validButWrong, YamlLines, YamlMistake } from '../yaml-mistakes';

/** A length in megabytes, to one decimal, as a number: the message writes it with the language's decimal mark. */
const megabytes = (length: number) => Math.round((length / (1024 * 1024)) * 10) / 10;

/** The most parser errors traced back to the writer's mistake in one check (a real memo has one or two). */
const MAX_EXPLAINED = 20;

/**
 * Every error the parser can raise, said in a writer's words and language. A `Record` over the
 * package's `ErrorCode`, so a new code in a `yaml` upgrade fails to compile until it has a message.
 */
export const YAML_ERROR_MESSAGES: Record<ErrorCode, MessageId> = {
  ALIAS_PROPS: 'yaml.code.aliasProps',
  BAD_ALIAS: 'yaml.code.badAlias',
  BAD_COLLECTION_TYPE: 'yaml.code.badCollectionType',
  BAD_DIRECTIVE: 'yaml.code.badDirective',
  BAD_DQ_ESCAPE: 'yaml.code.badEscape',
  BAD_INDENT: 'yaml.badIndent',
  BAD_PROP_ORDER: 'yaml.code.badPropOrder',
  BAD_SCALAR_START: 'yaml.reservedStart',
  BLOCK_AS_IMPLICIT_KEY: 'yaml.notKeyValue',
  BLOCK_IN_FLOW: 'yaml.code.blockInFlow',
  DUPLICATE_KEY: 'yaml.code.duplicateKey',
  IMPOSSIBLE: 'yaml.code.impossible',
  KEY_OVER_1024_CHARS: 'yaml.code.longKey',
  MISSING_CHAR: 'yaml.code.missingChar',
  MULTILINE_IMPLICIT_KEY: 'yaml.code.multilineKey',
  MULTIPLE_ANCHORS: 'yaml.code.multipleAnchors',
  MULTIPLE_DOCS: 'yaml.code.multipleDocs',
  MULTIPLE_TAGS: 'yaml.code.multipleTags',
  NON_STRING_KEY: 'yaml.code.nonStringKey',
  // The parser turns a stack overflow on deep nesting into this error; its own text says nothing useful.
  RESOURCE_EXHAUSTION: 'yaml.tooDeep',
  TAB_AS_INDENT: 'yaml.code.tab',
  TAG_RESOLVE_FAILED: 'yaml.code.unknownTag',
  UNEXPECTED_TOKEN: 'yaml.code.unexpected',
};

function toFixes(ctx: RuleContext, mistake: YamlMistake): Fix[] {
  return mistake.fixes.map((f) => ({
    title: ctx.t(f.title, f.params),
    edits: f.edits.map((e) => ctx.edit(e.start, e.end, e.text)),
    safe: f.safe,
    preferred: true,
  }));
}

function reportMistake(ctx: RuleContext, mistake: YamlMistake): void {
  const r = mistake.related;
  ctx.report({
    start: mistake.start,
    end: mistake.end,
    message: ctx.t(mistake.message, mistake.params),
    ...(mistake.warning ? { severity: 'warning' as const } : {}),
    fixes: toFixes(ctx, mistake),
    ...(r ? { related: [{ range: ctx.memo.lines.range(r.start, r.end), message: ctx.t(r.message, r.params) }] } : {}),
  });
}

/**
 * Every YAML error, at the place the writer made the mistake (the opening quote, the line indented
 * wrong, the ` : ` in a French subject) with a fix where one is clear; YAML too large or too deep to
 * check, said plainly; and valid YAML that surely is not what the writer meant (a value cut by ` #`).
 */
export const yamlSyntax: Rule = {
  id: 'yaml-syntax',
  defaultSeverity: 'error',
  needsData: false,
  check(ctx) {
    const { memo } = ctx;
    if (memo.yamlTooLarge !== undefined) {
      const line = memo.lines.positionAt(memo.yamlStart).line;
      const message = ctx.t('yaml.tooLarge', { size: megabytes(memo.yamlTooLarge), limit: megabytes(MAX_YAML_LENGTH) });
      ctx.report({ start: memo.yamlStart, end: memo.lines.lineEnd(line), message });
    }
    if (memo.yamlTooComplex) {
      const start = memo.yamlStart + memo.yamlTooComplex.range[0];
      const end = Math.max(start, Math.min(memo.yamlStart + memo.yamlTooComplex.range[1], memo.lines.lineEnd(memo.lines.positionAt(start).line)));
      const message = memo.yamlTooComplex.aliases ? ctx.t('yaml.aliasExpansion', { limit: MAX_YAML_NODES }) : ctx.t('yaml.tooManyNodes');
      ctx.report({ start, end, message });
    }
    const doc = memo.doc;
    if (!doc) return;
    let limit = memo.split?.frontMatter?.contentEnd ?? memo.text.length;
    // Front matter never closed runs to the end of the file: the body is no YAML, and its "errors" are
    // that one mistake, which the front-matter rule reports with its fix.
    if (memo.split?.problem === 'unterminated') limit = Math.min(limit, lastKeyLineEnd(memo) ?? memo.yamlStart);
    const lines = new YamlLines(memo, memo.yamlStart, limit);
    const explained: [number, number][] = [];
    const isExplained = (i: number) => explained.some(([a, b]) => i >= a && i <= b);
    // One mistake can raise two parser errors at one place that read the same to a writer: say it once.
    const said = new Set<string>();
    let duplicates = false;
    let tried = 0;
    for (const error of doc.errors) {
      if (memo.yamlStart + error.pos[0] > limit) continue;
      if (error.code === 'DUPLICATE_KEY') {
        duplicates = true;
        continue;
      }
      if (lines.lines.length > 0 && isExplained(lines.at(memo.yamlStart + error.pos[0]))) continue;
      // Each explanation reads the lines around its error: past the first few, the parser's place and our general words.
      const found = lines.lines.length > 0 && tried++ < MAX_EXPLAINED ? explain(memo, lines, error) : undefined;
      if (found) {
        explained.push(found.lines);
        reportMistake(ctx, found.mistake);
        continue;
      }
      let start = Math.min(memo.yamlStart + error.pos[0], limit);
      let end = Math.min(memo.yamlStart + error.pos[1], limit);
      if (end < start) end = start;
      // An error at the very end of the YAML is shown on the last character, so it stays visible.
      if (start === end && start > memo.yamlStart) start = Math.max(memo.yamlStart, start - 1);
      const id: MessageId | undefined = YAML_ERROR_MESSAGES[error.code];
      const message = id ? ctx.t(id) : ctx.t('yaml.error', { message: firstLine(error.message) });
      if (said.has(`${start}:${message}`)) continue;
      said.add(`${start}:${message}`);
      ctx.report({ start, end, message });
    }
    if (duplicates) {
      const found = duplicateKeys(memo, lines);
      for (const mistake of found) reportMistake(ctx, mistake);
      if (found.length === 0) {
        const error = doc.errors.find((e) => e.code === 'DUPLICATE_KEY');
        if (error) ctx.report({ start: memo.yamlStart + error.pos[0], end: memo.yamlStart + error.pos[1], message: ctx.t('yaml.code.duplicateKey') });
      }
    }
    if (lines.lines.length > 0) for (const mistake of validButWrong(memo, lines)) if (mistake.start < limit) reportMistake(ctx, mistake);
    if (memo.dataError) {
      const [start, end] = doc.contents ? ctx.spanOf(doc.contents) : [memo.yamlStart, memo.yamlStart];
      const firstLineEnd = memo.lines.lineEnd(memo.lines.positionAt(start).line);
      ctx.report({ start, end: Math.min(end, firstLineEnd), message: ctx.t('yaml.aliases', { limit: MAX_ALIAS_COUNT }) });
    }
  },
};

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
