import { isMap, isScalar, isSeq } from 'yaml';
import type { Rule } from '../rule';
import { lastKeyLineEnd } from '../yaml-mistakes';

/** A `.memo.md` needs front matter at the very top, closed, and holding a mapping. */
export const frontMatter: Rule = {
  id: 'front-matter',
  defaultSeverity: 'error',
  needsData: false,
  check(ctx) {
    const { memo } = ctx;
    if (memo.kind !== 'markdown' || !memo.split) return;
    const lines = memo.lines;
    if (memo.split.problem === 'missing') {
      ctx.report({ start: 0, end: lines.lineEnd(0), message: ctx.t('frontMatter.missing') });
      return;
    }
    const fm = memo.split.frontMatter;
    if (!fm) return;
    if (memo.split.problem === 'unterminated') {
      // The closing line goes after the last line of keys, before the first line that reads as prose.
      const at = lastKeyLineEnd(memo);
      const fixes = at === undefined ? [] : [{ title: ctx.t('fix.closeFrontMatter'), edits: [ctx.edit(at, at, `${lines.eol}---`)], safe: false, preferred: true }];
      ctx.report({ start: fm.openStart, end: fm.openEnd, message: ctx.t('frontMatter.unterminated'), fixes });
    }
    const contents = memo.doc?.contents;
    if (!contents || memo.doc?.errors.length || isMap(contents)) return;
    if (isScalar(contents) && contents.value === null) return;
    const kind = isSeq(contents) ? ctx.t('type.array') : ctx.t('type.string');
    const [start, end] = ctx.spanOf(contents);
    ctx.report({ start, end, message: ctx.t('frontMatter.notMapping', { kind }) });
  },
};
