import type { Rule } from '../rule';

/** Every YAML error, at the parser's own range. */
export const yamlSyntax: Rule = {
  id: 'yaml-syntax',
  defaultSeverity: 'error',
  needsData: false,
  check(ctx) {
    const { memo } = ctx;
    const doc = memo.doc;
    if (!doc) return;
    const limit = memo.split?.frontMatter?.contentEnd ?? memo.text.length;
    for (const error of doc.errors) {
      let start = Math.min(memo.yamlStart + error.pos[0], limit);
      let end = Math.min(memo.yamlStart + error.pos[1], limit);
      if (end < start) end = start;
      // An error at the very end of the YAML is shown on the last character, so it stays visible.
      if (start === end && start > memo.yamlStart) start = Math.max(memo.yamlStart, start - 1);
      ctx.report({ start, end, message: ctx.t('yaml.error', { message: firstLine(error.message) }) });
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
