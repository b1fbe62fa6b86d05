// The edit every edit-to-diagnostics timing makes: a letter typed at `at` (even runs), then deleted
// again (odd runs), so the memo keeps its size and its diagnostics. (bench/web.mjs writes it again
// inside the page it drives, which cannot import this module.)
export function typeOrDelete(at, i) {
  return i % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { ...at, character: at.character + 1 } }, text: '' };
}
