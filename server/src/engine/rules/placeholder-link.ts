import { analyzeBody } from '../prose/body';
import type { Rule } from '../rule';

const PLACEHOLDER_WORDS = /^#?(todo|tbd|xxx)$/i;
const HOST = /^(?:[a-z][a-z0-9+.-]*:)?(?:\/\/)?(?:[^/@?#]*@)?([^/:?#]+)/i;

/** Whether a link target stands in for an address nobody has filled in yet. */
export function isPlaceholderTarget(href: string): boolean {
  const target = href.trim();
  if (target === '' || target === '#' || PLACEHOLDER_WORDS.test(target)) return true;
  const host = HOST.exec(target)?.[1]?.toLowerCase().replace(/\.$/, '');
  return !!host && /(^|\.)example\.(com|org)$/.test(host);
}

/** Links whose target is empty, `#`, TODO/TBD/XXX or an example.com / example.org address. */
export const placeholderLink: Rule = {
  id: 'placeholder-link',
  defaultSeverity: 'warning',
  needsData: false,
  check(ctx) {
    const text = ctx.memo.text;
    for (const section of analyzeBody(ctx.memo).sections) {
      for (const link of section.links) {
        if (!isPlaceholderTarget(link.href)) continue;
        const [start, end] = link.span;
        const [textStart, textEnd] = link.textSpan;
        const empty = link.href.trim() === '';
        ctx.reportIfShown(start, end, () => ({
          message: empty ? ctx.t('placeholderLink.empty') : ctx.t('placeholderLink.placeholder', { href: link.href }),
          fixes: [{ title: ctx.t('fix.unlink'), edits: [ctx.edit(start, end, text.slice(textStart, textEnd))], safe: false, preferred: false }],
        }));
      }
    }
  },
};
