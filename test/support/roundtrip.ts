import * as assert from 'node:assert/strict';
import { applyEdits, buildConfig, checkMemo, CheckOptions, Finding, Fix, LineIndex, MemoKind } from '../../server/src/engine';

/** The rules of issue 4, whose quick fixes these round trips cover. */
export const writingRules = new Set(['placeholder-link', 'acronym', 'fr-typography', 'parity', 'untranslated', 'official-name', 'contact-domain']);

const key = (f: Finding) => `${f.rule}\u0000${f.message}`;

function counts(findings: readonly Finding[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const f of findings) map.set(key(f), (map.get(key(f)) ?? 0) + 1);
  return map;
}

/** Splices edits into a text by offsets, independently of applyEdits, and checks nothing outside them moved. */
export function assertOnlyEditsChanged(before: string, after: string, fix: Fix): void {
  const lines = new LineIndex(before);
  const spans = fix.edits.map((e) => [lines.offsetAt(e.range.start), lines.offsetAt(e.range.end), e.newText] as const).sort((a, b) => a[0] - b[0]);
  let expected = '';
  let at = 0;
  for (const [start, end, newText] of spans) {
    assert.ok(start >= at, 'edits overlap');
    expected += before.slice(at, start) + newText;
    at = end;
  }
  expected += before.slice(at);
  assert.equal(after, expected);
  if (spans.length > 0) {
    assert.equal(after.slice(0, spans[0][0]), before.slice(0, spans[0][0]), 'text before the first edit changed');
    const tail = before.length - spans[spans.length - 1][1];
    assert.equal(after.slice(after.length - tail), before.slice(before.length - tail), 'text after the last edit changed');
  }
}

/**
 * Applies one fix of one finding and re-checks: that finding is gone, nothing new appears, and no
 * byte outside the edits changed. Fixes to another file (Add to glossary) are applied to that file.
 */
export function roundTrip(text: string, kind: MemoKind, options: CheckOptions, finding: Finding, fix: Fix, all: readonly Finding[]): void {
  const fixed = applyEdits(text, fix.edits);
  assertOnlyEditsChanged(text, fixed, fix);
  let after = options;
  for (const other of fix.otherFiles ?? []) {
    const config = options.config;
    assert.ok(config?.glossaryPath === other.path, 'only the glossary is edited in another file');
    const old = config.glossaryText ?? '';
    assert.equal(other.create === true, config.glossaryText === undefined);
    const glossary = applyEdits(old, other.edits);
    assert.ok(glossary.startsWith(old), 'the glossary is only appended to');
    const reread = buildConfig({ glossary: { path: other.path, text: glossary }, glossaryPath: other.path });
    assert.deepEqual(reread.problems, [], 'the glossary stays valid');
    after = { ...options, config: { ...config, glossary: reread.glossary, glossaryText: glossary } };
  }
  const again = checkMemo(fixed, kind, after).findings;
  const before = counts(all);
  const now = counts(again);
  const k = key(finding);
  assert.ok((now.get(k) ?? 0) < (before.get(k) ?? 0), `"${fix.title}" left: ${finding.message}`);
  for (const [other, n] of now) assert.ok(n <= (before.get(other) ?? 0), `"${fix.title}" brought a new finding: ${other}`);
}
