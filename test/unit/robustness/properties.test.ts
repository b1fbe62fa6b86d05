import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { builtInMemoSchema, checkMemo, completeAt, fixMemo, hoverAt, LineIndex, MemoKind, TextEdit } from '../../../server/src/engine';
import { assertRangesInside } from '../../support/assertions';
import { EDIT_PIECES as PIECES, memoText } from '../../support/generated-memos';
import { REFERENCE, ROOT } from '../../support/memo';

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** Valid memos to start from: the customer's reference memo, the examples, a generated one of each kind. */
const SEEDS: { kind: MemoKind; text: string }[] = [
  { kind: 'markdown', text: REFERENCE },
  { kind: 'markdown', text: read('examples/winter-readiness.en.memo.md') },
  { kind: 'yaml', text: read('examples/data-sharing.memo.yaml') },
  { kind: 'markdown', text: memoText('markdown', { recipients: 3, paragraphs: 2 }) },
  { kind: 'yaml', text: memoText('yaml', { recipients: 2, paragraphs: 2 }) },
];

type Edit = { kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; length: number } | { kind: 'swapLines'; a: number; b: number };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'grapheme', maxLength: 6 }), fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }).map((p) => p.join(''))),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
);

function applyRandomEdit(text: string, edit: Edit): string {
  if (edit.kind === 'insert') {
    const at = edit.at % (text.length + 1);
    return text.slice(0, at) + edit.text + text.slice(at);
  }
  if (edit.kind === 'delete') {
    const at = edit.at % (text.length + 1);
    return text.slice(0, at) + text.slice(at + edit.length);
  }
  const lines = text.split('\n');
  const a = edit.a % lines.length;
  const b = edit.b % lines.length;
  [lines[a], lines[b]] = [lines[b], lines[a]];
  return lines.join('\n');
}

/** A seed memo, maybe saved with CRLF line breaks or a BOM, then edited at random. */
const memoArb = fc
  .record({
    seed: fc.constantFrom(...SEEDS),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    edits: fc.array(editArb, { minLength: 1, maxLength: 5 }),
  })
  .map(({ seed, crlf, bom, edits }) => {
    let text = crlf ? seed.text.replace(/\n/g, '\r\n') : seed.text;
    if (bom) text = '\uFEFF' + text;
    for (const edit of edits) text = applyRandomEdit(text, edit);
    return { kind: seed.kind, text };
  });

const RUNS = { numRuns: 300, seed: Number(process.env.PROPERTY_SEED ?? 20_261_002) };

/** Applies edits with an implementation independent of the engine's (the LSP library's own). */
function applyIndependently(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///memo', 'markdown', 1, text), edits);
}

/** Whether an offset falls between the halves of a surrogate pair or of a CRLF, where an edit would damage a character next to it. */
function splitsACharacter(text: string, offset: number): boolean {
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) || (before === 13 && after === 10);
}

describe('properties of the engine on randomly edited memos', () => {
  it('never throws, and every range lies inside the document', () => {
    fc.assert(
      fc.property(memoArb, ({ kind, text }) => {
        assertRangesInside(text, checkMemo(text, kind).findings);
      }),
      RUNS,
    );
  });

  it('every quick fix leaves the text outside its range identical', () => {
    fc.assert(
      fc.property(memoArb, ({ kind, text }) => {
        const lines = new LineIndex(text);
        for (const finding of checkMemo(text, kind).findings) {
          for (const fix of finding.fixes) {
            const spans = fix.edits.map((e) => [lines.offsetAt(e.range.start), lines.offsetAt(e.range.end)]).sort((a, b) => a[0] - b[0]);
            for (const [start, end] of spans) {
              assert.ok(!splitsACharacter(text, start) && !splitsACharacter(text, end), `${finding.rule}: "${fix.title}" splits a character`);
            }
            const fixed = applyIndependently(text, fix.edits);
            const first = spans[0];
            const last = spans[spans.length - 1];
            assert.equal(fixed.slice(0, first[0]), text.slice(0, first[0]), `${finding.rule}: "${fix.title}" changed text before its range`);
            assert.equal(fixed.slice(fixed.length - (text.length - last[1])), text.slice(last[1]), `${finding.rule}: "${fix.title}" changed text after its range`);
          }
        }
      }),
      RUNS,
    );
  });

  it('applying all safe fixes twice gives the same text as once', () => {
    fc.assert(
      fc.property(memoArb, ({ kind, text }) => {
        const once = fixMemo(text, kind);
        assertRangesInside(once.text, once.findings);
        assert.equal(fixMemo(once.text, kind).text, once.text);
      }),
      RUNS,
    );
  });

  it('completion and hover never throw, at any offset', () => {
    const schema = builtInMemoSchema().source;
    fc.assert(
      fc.property(memoArb, fc.nat(), ({ kind, text }, at) => {
        const { memo } = checkMemo(text, kind);
        const offset = at % (text.length + 1);
        completeAt(memo, offset, schema, 'fr');
        const hover = hoverAt(memo, offset, schema, 'en');
        if (hover) assertRangesInside(text, [{ rule: 'hover', severity: 'hint', message: '', range: hover.range, fixes: [] }]);
      }),
      RUNS,
    );
  });
});
