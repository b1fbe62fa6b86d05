import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { buildConfig, checkMemo, t } from '../../../server/src/engine';
import { foldCodePoint, TermMatcher } from '../../../server/src/engine/prose/terms';
import { glossaryMemo, glossaryTerm, glossaryYaml } from '../../support/hostile-corpus';

/** The search the matcher replaces: one whole-word expression per term, leftmost match. */
function reference(terms: readonly string[], text: string): { index: number; start: number; end: number }[] {
  const found: { index: number; start: number; end: number }[] = [];
  terms.forEach((term, index) => {
    if (term === '') return;
    const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const m = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, term === term.toLowerCase() ? 'iu' : 'u').exec(text);
    if (m) found.push({ index, start: m.index, end: m.index + m[0].length });
  });
  return found;
}

/** Characters where case, word boundaries and code units are easy to get wrong. */
const PIECES = [
  'a', 'A', 'b', 'é', 'É', 'e', 'ß', 'ẞ', 'ss', 'k', 'K', '\u212a', 's', 'ſ', 'ς', 'σ', 'Σ', 'i', 'I', 'İ', 'ı',
  '\u0345', 'ι', '1', '٣', ' ', '-', '.', '’', '\u00a0', '𝐀', '𐐀', '𐐨', '😀', '\u200d', '\ud800', '\udc00', '(', '*', '\n',
];
const piece = fc.constantFrom(...PIECES);
const termArb = fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join(''));
const textArb = fc.array(fc.oneof(piece, termArb), { maxLength: 40 }).map((p) => p.join(''));

describe('glossary terms: one matcher for the whole glossary', () => {
  it('finds exactly what one whole-word search per term found, term by term', () => {
    fc.assert(
      fc.property(fc.array(termArb, { minLength: 1, maxLength: 12 }), fc.array(textArb, { minLength: 1, maxLength: 3 }), (terms, texts) => {
        const matcher = new TermMatcher(terms);
        for (const text of texts) assert.deepEqual(matcher.firstMatches(text), reference(terms, text));
      }),
      { numRuns: 300 },
    );
  });

  it('finds the same in real prose: overlapping terms, case, accents and punctuation', () => {
    const terms = ['health', 'Health Canada', 'health care', 'care', 'C++', 'Ontario Works', 'ontario', 'aide sociale', 'Aide', 'n/a', 'e.g.'];
    const text = 'Health Canada and the health-care sector (e.g. Ontario Works) help; l’aide sociale, AIDE, ONTARIO, n/a, c++ and C++.';
    assert.deepEqual(new TermMatcher(terms).firstMatches(text), reference(terms, text));
  });

  it('gives every code point a key its case-insensitive equals share', () => {
    // Each code point against its case mappings: equal to the expression, equal in key.
    for (let cp = 0; cp <= 0x1ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const char = String.fromCodePoint(cp);
      const mapped = [char.toLowerCase(), char.toUpperCase(), char.toUpperCase().toLowerCase(), char.toLowerCase().toUpperCase()];
      if (mapped.every((m) => m === char)) continue;
      const same = new RegExp(`^${char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 'iu');
      for (const other of mapped) {
        if ([...other].length !== 1 || !same.test(other)) continue;
        assert.equal(foldCodePoint(cp), foldCodePoint(other.codePointAt(0) as number), `U+${cp.toString(16)} and U+${(other.codePointAt(0) as number).toString(16)}`);
      }
    }
  });

  it('reports glossary pairs missing from the other language, as before', () => {
    const config = buildConfig({ glossary: { path: '/w/.policy-memo/glossary.yaml', text: glossaryYaml(100) } });
    const findings = checkMemo(glossaryMemo(40), 'markdown', { config }).findings.filter((f) => f.rule === 'parity');
    // The French leaves out the first term of paragraphs 2, 4, 6 and 8: four terms, reported on both sides.
    const missing = [5, 15, 25, 35].map(glossaryTerm);
    assert.deepEqual(
      findings.map((f) => f.message).sort(),
      [
        ...missing.map((term) => t('en', 'parity.termMissingThere', { term: term.en, counterpart: term.fr, version: t('en', 'version.fr') })),
        ...missing.map((term) => t('en', 'parity.termMissingHere', { term: term.fr, counterpart: term.en, version: t('en', 'version.en') })),
      ].sort(),
    );
  });

  it('checks a two-language memo against a 10,000-term glossary in well under the time one search per term took', async function () {
    // A time limit on a worker, never a timed assertion here: one search per term per piece of prose took 18–83 s per check.
    this.timeout(30_000);
    const engine = path.resolve(__dirname, '../../../server/src/engine');
    const corpus = path.resolve(__dirname, '../../support/hostile-corpus');
    const code = `
      const { parentPort } = require('node:worker_threads');
      const { checkMemo, defaultConfig } = require(${JSON.stringify(engine)});
      const { glossaryMemo, glossaryTerm } = require(${JSON.stringify(corpus)});
      const config = { ...defaultConfig(), glossary: Array.from({ length: 10000 }, (_, i) => glossaryTerm(i)) };
      let findings = 0;
      for (let i = 0; i < 3; i++) findings = checkMemo(glossaryMemo(40), 'markdown', { config }).findings.length;
      parentPort.postMessage(findings);`;
    const worker = new Worker(code, { eval: true });
    const limit = 8_000;
    const outcome = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => void worker.terminate().then(() => resolve('timed out')), limit);
      worker.once('message', (findings: number) => {
        clearTimeout(timer);
        void worker.terminate().then(() => resolve(`${findings} findings`));
      });
      worker.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    assert.equal(outcome, '8 findings', `three checks with 10,000 terms within ${limit / 1000} s`);
  });
});
