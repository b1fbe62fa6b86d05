import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ruleIds } from '../../../server/src/engine';
import { docsPage } from '../../../server/src/lsp/docs';
import { codeWords, fencedBlocks, markdownProse } from '../../support/i18n';
import { ROOT } from '../../support/memo';
import { typographyProblems } from '../../support/typography';
import { scratchDir } from '../../support/scratch';

const RULES_DOCS = path.join(ROOT, 'docs', 'rules');
const read = (...parts: string[]) => readFileSync(path.join(...parts), 'utf8');

/**
 * The rule docs pages as they stand: `docs/rules/<id>.md` in English, `docs/rules/<id>.fr.md` in
 * French. Whatever pages exist are checked; each needs its other-language twin.
 */
describe('the rule docs in two languages', () => {
  const pages = existsSync(RULES_DOCS) ? readdirSync(RULES_DOCS).filter((f) => f.endsWith('.md')) : [];
  const english = pages.filter((f) => !f.endsWith('.fr.md'));
  const french = pages.filter((f) => f.endsWith('.fr.md'));

  it('has a French page for every English page, and the reverse', () => {
    assert.deepEqual(english.filter((f) => !french.includes(f.replace(/\.md$/, '.fr.md'))), [], 'English pages without a French twin');
    assert.deepEqual(french.filter((f) => !english.includes(f.replace(/\.fr\.md$/, '.md'))), [], 'French pages without an English twin');
  });

  it('names each page after a registered rule', () => {
    const ids = new Set<string>(ruleIds);
    assert.deepEqual(english.map((f) => f.replace(/\.md$/, '')).filter((id) => !ids.has(id)), []);
  });

  it('has French pages that are translations, with the same examples', () => {
    for (const page of english) {
      const fr = page.replace(/\.md$/, '.fr.md');
      if (!french.includes(fr)) continue;
      const [en, frText] = [read(RULES_DOCS, page), read(RULES_DOCS, fr)];
      assert.notEqual(markdownProse(frText), markdownProse(en), `${fr} is the English page`);
      assert.equal(fencedBlocks(frText).length, fencedBlocks(en).length, `${fr} and ${page} do not show the same number of examples`);
    }
  });

  it('writes the French pages with Canadian typography', () => {
    const words = codeWords();
    const problems = french.flatMap((page) => typographyProblems(markdownProse(read(RULES_DOCS, page)), { codeWords: words }).map((p) => `${page}: ${p}`));
    assert.deepEqual(problems, []);
  });
});

describe('the conventions page the rule docs cite', () => {
  it('has its French twin, with Canadian typography and the same sections', () => {
    const [en, fr] = [read(ROOT, 'docs', 'conventions.md'), read(ROOT, 'docs', 'conventions.fr.md')];
    assert.deepEqual(typographyProblems(markdownProse(fr), { codeWords: codeWords() }), []);
    const sections = (text: string) => text.split('\n').filter((l) => l.startsWith('## ')).length;
    assert.equal(sections(fr), sections(en));
  });
});

describe('the docs link of a diagnostic', () => {
  const folder = scratchDir('policy-memo-docs');
  writeFileSync(path.join(folder, 'date-format.md'), '# date-format\n');
  writeFileSync(path.join(folder, 'date-format.fr.md'), '# date-format (fr)\n');
  writeFileSync(path.join(folder, 'recipients.md'), '# recipients\n');

  it('goes to the French page for a French writer, the English page otherwise', () => {
    assert.equal(docsPage(folder, 'date-format', 'fr'), path.join(folder, 'date-format.fr.md'));
    assert.equal(docsPage(folder, 'date-format', 'en'), path.join(folder, 'date-format.md'));
  });

  it('falls back to the English page, and to none', () => {
    assert.equal(docsPage(folder, 'recipients', 'fr'), path.join(folder, 'recipients.md'));
    assert.equal(docsPage(folder, 'schema', 'fr'), undefined);
    assert.equal(docsPage(undefined, 'schema', 'en'), undefined);
  });
});

describe('README.fr.md', () => {
  const en = read(ROOT, 'README.md');
  const fr = read(ROOT, 'README.fr.md');

  it('gives the same commands and examples as README.md', () => {
    // The project's commands are the same; a usage line with [placeholders] is translated.
    const commands = (text: string) => fencedBlocks(text).filter((b) => b.startsWith('```sh') && !b.includes('['));
    assert.ok(commands(en).length >= 2);
    assert.deepEqual(commands(fr), commands(en));
    assert.equal(fencedBlocks(fr).length, fencedBlocks(en).length);
    const sections = (text: string) => text.split('\n').filter((l) => /^#{1,3} /.test(l)).length;
    assert.equal(sections(fr), sections(en), 'not the same sections');
  });

  it('and README.md name each other near the top (as text: vsce refuses relative links)', () => {
    assert.match(en.split('\n').slice(0, 5).join('\n'), /`README\.fr\.md`/);
    assert.match(fr.split('\n').slice(0, 5).join('\n'), /`README\.md`/);
  });

  it('is written with Canadian typography', () => {
    assert.deepEqual(typographyProblems(markdownProse(fr), { codeWords: codeWords() }), []);
  });
});
