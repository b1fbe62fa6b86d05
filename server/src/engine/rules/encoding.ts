import type { Rule } from '../rule';

/**
 * Control characters other than tab and line breaks (NUL most often), the replacement character
 * U+FFFD that editors and our JSON-RPC transport put where a file's bytes were not UTF-8, and
 * unpaired surrogates. Each run of them is one finding.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const DAMAGED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]+|(?:\ufffd|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff])+/g;

/**
 * Every character a DAMAGED run can start with, as one plain class: the search for it runs at native
 * speed over a clean memo, where DAMAGED itself tries its alternatives at every character.
 */
// eslint-disable-next-line no-control-regex -- as above
const MAY_START = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd\ud800-\udfff]/g;
const DAMAGED_AT = new RegExp(DAMAGED.source, 'y');

/** DAMAGED's matches, in order: tried only where one can start. */
function* damagedRuns(text: string): Generator<RegExpExecArray> {
  // Copies: a generator may be left unfinished, and its search positions must not leak into the next check.
  const mayStart = new RegExp(MAY_START);
  const damagedAt = new RegExp(DAMAGED_AT);
  for (let hint = mayStart.exec(text); hint; hint = mayStart.exec(text)) {
    damagedAt.lastIndex = hint.index;
    const match = damagedAt.exec(text);
    if (!match) continue;
    yield match;
    mayStart.lastIndex = match.index + match[0].length;
  }
}

/** A damaged file can hold millions of these; past this many runs the writer has been told enough. */
const MAX_FINDINGS = 100;

/** Text that cannot be right in a memo: invisible control characters and bytes that were not UTF-8. */
export const encoding: Rule = {
  id: 'encoding',
  defaultSeverity: 'error',
  needsData: false,
  check(ctx) {
    const text = ctx.memo.text;
    let count = 0;
    for (const match of damagedRuns(text)) {
      if (++count > MAX_FINDINGS) break;
      const start = match.index ?? 0;
      const end = start + match[0].length;
      const code = match[0].charCodeAt(0);
      if (code < 0x80) {
        // The edit removes only the invisible characters, so no visible text can be lost.
        const fix = { title: ctx.t('fix.removeCharacters'), edits: [ctx.edit(start, end, '')], safe: false };
        ctx.report({ start, end, message: ctx.t('encoding.control', { code: `U+${code.toString(16).toUpperCase().padStart(4, '0')}` }), fixes: [fix] });
      } else {
        ctx.report({ start, end, message: ctx.t('encoding.invalid') });
      }
    }
  },
};
