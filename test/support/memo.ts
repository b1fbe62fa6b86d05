import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyEdits, checkMemo, CheckOptions, Finding, Fix, LineIndex, MemoKind, Range } from '../../server/src/engine';

/** The repository root (tests run from out/test/...). */
export const ROOT = path.resolve(__dirname, '../../..');

export function fixture(...parts: string[]): string {
  return path.join(ROOT, 'test', 'fixtures', ...parts);
}

/**
 * The customer's reference memo in our format (test/fixtures/reference/reference.memo.md), with its two
 * placeholder links (`](#)`) given real targets so it is a clean base for the other checks. The
 * memo as supplied, with its two `placeholder-link` warnings, is tested in test/unit/reference-memo.test.ts.
 */
export const REFERENCE = readFileSync(fixture('reference', 'reference.memo.md'), 'utf8').replace(/\]\(#\)/g, '](https://www.ontario.ca/page/employment-ontario)');

/** The reference memo as a pure-YAML memo, its body as a `body: |` block. */
export function referenceAsYaml(): string {
  const end = REFERENCE.indexOf('\n---\n', 4);
  const front = REFERENCE.slice(4, end + 1);
  const body = REFERENCE.slice(end + 5);
  return `${front}body: |\n${body.split('\n').map((l) => (l ? `  ${l}` : '')).join('\n')}`;
}

/** Replaces exactly one occurrence of `from` (it must occur once). */
export function replaceOnce(text: string, from: string, to: string): string {
  const first = text.indexOf(from);
  assert.ok(first >= 0, `"${from}" not found`);
  assert.equal(text.indexOf(from, first + 1), -1, `"${from}" occurs more than once`);
  return text.slice(0, first) + to + text.slice(first + from.length);
}

/** The LSP range of the `nth` occurrence (0-based) of `needle` in `text`. */
export function rangeOf(text: string, needle: string, nth = 0): Range {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (#${nth}) not found`);
  }
  return new LineIndex(text).range(at, at + needle.length);
}

export function check(text: string, kind: MemoKind = 'markdown', options: CheckOptions = {}): Finding[] {
  return checkMemo(text, kind, options).findings;
}

/** A compact, comparable view of a finding. */
export function brief(f: Finding): string {
  const r = f.range;
  return `${f.rule}/${f.severity} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/**
 * Applies one fix and checks what a fix promises: only its own ranges change, the finding it fixes
 * is gone on re-check, and every other finding is still reported. Returns the fixed text.
 */
export function assertFixRoundTrip(
  text: string,
  kind: MemoKind,
  finding: Finding,
  fix: Fix,
  options: CheckOptions = {},
  /** Rules whose findings this fix may legitimately clear too (renaming `destinataires` also supplies `to`). */
  alsoClears: readonly string[] = [],
): string {
  const fixed = applyEdits(text, fix.edits);
  const lines = new LineIndex(text);
  const spans = fix.edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start);
  // Outside the edited ranges the bytes are identical.
  let delta = 0;
  let cursor = 0;
  for (const s of spans) {
    assert.equal(fixed.slice(cursor + delta, s.start + delta), text.slice(cursor, s.start), 'text before an edit changed');
    delta += s.newText.length - (s.end - s.start);
    cursor = s.end;
  }
  assert.equal(fixed.slice(cursor + delta), text.slice(cursor), 'text after the edits changed');
  const before = check(text, kind, options);
  const after = check(fixed, kind, options);
  const same = (f: Finding) => f.rule === finding.rule && f.message === finding.message;
  assert.equal(
    after.filter(same).length,
    before.filter(same).length - 1,
    `"${fix.title}" did not clear: ${finding.message}\n${fixed}`,
  );
  // Every other finding survives (a fix must not hide unrelated problems).
  const others = (list: Finding[]) => list.filter((f) => !same(f)).map((f) => `${f.rule}: ${f.message}`);
  for (const other of others(before)) {
    if (alsoClears.some((rule) => other.startsWith(`${rule}: `))) continue;
    assert.ok(others(after).includes(other), `"${fix.title}" also removed: ${other}`);
  }
  return fixed;
}
