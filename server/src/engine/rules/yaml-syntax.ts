import type { ErrorCode } from 'yaml';
import type { MessageId } from '../messages';
import { isDuplicateKeyError, MAX_YAML_LENGTH, MAX_YAML_NODES } from '../parse';
import type { Rule } from '../rule';

const megabytes = (length: number) => (length / (1024 * 1024)).toFixed(1);

/**
 * The parser's errors that writers make most, said in their words and language; any other error keeps
 * the parser's own (English) text after "YAML error:".
 */
const WRITER_MESSAGES: Partial<Record<ErrorCode, MessageId>> = {
  DUPLICATE_KEY: 'yaml.duplicateKey',
  TAB_AS_INDENT: 'yaml.tabIndent',
  BLOCK_AS_IMPLICIT_KEY: 'yaml.notKeyValue',
  MULTILINE_IMPLICIT_KEY: 'yaml.notKeyValue',
  BAD_SCALAR_START: 'yaml.reservedStart',
  BAD_INDENT: 'yaml.badIndent',
  // The parser turns a stack overflow on deep nesting into this error; its own text says nothing useful.
  RESOURCE_EXHAUSTION: 'yaml.tooDeep',
};

/** Every YAML error, at the parser's own range; YAML too large, too deep or with too many values to check, said plainly. */
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
    const limit = memo.split?.frontMatter?.contentEnd ?? memo.text.length;
    // One mistake can raise two parser errors at one place that read the same to a writer: say it once.
    const said = new Set<string>();
    for (const error of doc.errors) {
      let start = Math.min(memo.yamlStart + error.pos[0], limit);
      let end = Math.min(memo.yamlStart + error.pos[1], limit);
      if (end < start) end = start;
      // An error at the very end of the YAML is shown on the last character, so it stays visible.
      if (start === end && start > memo.yamlStart) start = Math.max(memo.yamlStart, start - 1);
      const id = WRITER_MESSAGES[error.code];
      const message = id ? ctx.t(id) : ctx.t('yaml.error', { message: firstLine(error.message) });
      if (said.has(`${start}:${message}`)) continue;
      said.add(`${start}:${message}`);
      const related = isDuplicateKeyError(error)
        ? [{ range: memo.lines.range(memo.yamlStart + error.firstRange[0], memo.yamlStart + error.firstRange[1]), message: ctx.t('yaml.duplicateKeyFirst') }]
        : undefined;
      ctx.report({ start, end, message, ...(related ? { related } : {}) });
    }
    if (memo.dataError) {
      const [start, end] = doc.contents ? ctx.spanOf(doc.contents) : [memo.yamlStart, memo.yamlStart];
      const firstLineEnd = memo.lines.lineEnd(memo.lines.positionAt(start).line);
      ctx.report({ start, end: Math.min(end, firstLineEnd), message: ctx.t('yaml.aliases', { message: memo.dataError }) });
    }
  },
};

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
