import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseMemo } from '../../server/src/engine';
import { renderDocx } from '../../server/src/preview';
import { runCli, workspace } from '../support/cli';
import { REFERENCE, ROOT } from '../support/memo';
import { requireReader, run } from '../support/real-readers';
import { scratchDir } from '../support/scratch';

const OUTPUT = path.join(ROOT, 'test-output', 'export');

const MEMOS: { name: string; text: string; kind: 'markdown' | 'yaml' }[] = [
  { name: 'reference', text: REFERENCE, kind: 'markdown' },
  { name: 'winter-readiness.en', text: readFileSync(path.join(ROOT, 'examples', 'winter-readiness.en.memo.md'), 'utf8'), kind: 'markdown' },
  { name: 'data-sharing', text: readFileSync(path.join(ROOT, 'examples', 'data-sharing.memo.yaml'), 'utf8'), kind: 'yaml' },
];

/** Asserts that each of `expected` occurs in `text`, each after the one before. */
function assertInOrder(text: string, expected: readonly string[], what: string): void {
  let at = -1;
  for (const piece of expected) {
    const next = text.indexOf(piece, at + 1);
    assert.ok(next > at, `${what}: "${piece}" should come after position ${at}:\n${text}`);
    at = next;
  }
}

describe('real readers: LibreOffice opens the Word export', function () {
  this.timeout(180_000);
  let soffice: string;
  let folder: string;
  const text = new Map<string, string>();

  before(async function () {
    soffice = requireReader(this, 'soffice', 'libreoffice-writer-nogui');
    requireReader(this, 'pdftoppm', 'poppler-utils');
    folder = scratchDir('lo');
    const files = [];
    for (const memo of MEMOS) {
      const file = path.join(folder, `${memo.name}.docx`);
      writeFileSync(file, await renderDocx(parseMemo(memo.text, memo.kind)));
      files.push(file);
    }
    // One profile per run: two LibreOffice processes sharing one can hand their work to each other.
    const profile = `-env:UserInstallation=file://${path.join(folder, 'profile')}`;
    const out = path.join(folder, 'out');
    await run(soffice, ['--headless', '--norestore', profile, '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', out, ...files]);
    await run(soffice, ['--headless', '--norestore', profile, '--convert-to', 'pdf', '--outdir', out, ...files]);
    mkdirSync(OUTPUT, { recursive: true });
    for (const memo of MEMOS) {
      text.set(memo.name, readFileSync(path.join(out, `${memo.name}.txt`), 'utf8').replace(/^\uFEFF/, ''));
      // A picture of the first page, as LibreOffice lays it out, for a person to look at.
      await run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', path.join(out, `${memo.name}.pdf`), path.join(OUTPUT, `${memo.name}.docx-page1`)]);
      copyFileSync(path.join(folder, `${memo.name}.docx`), path.join(OUTPUT, `${memo.name}.docx`));
    }
  });

  after(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('reads the reference memo in the official order: letterhead, title, labels, date, subject, body, signature, c. c., p. j.', () => {
    assertInOrder(
      text.get('reference') ?? '',
      [
        'Ministry of Children, Community and Social Services',
        "Ministère des Services à l'enfance et des Services sociaux et communautaires",
        'Social Assistance Operations Division',
        'NOTE DE SERVICE',
        'DESTINATAIRES\u00a0:',
        'Commissaires et directrices générales',
        'EXPÉDITEUR ET EXPÉDITRICE\u00a0:',
        'Nelson Loureiro',
        'DATE\u00a0:',
        'Le 11 juin 2021',
        'OBJET\u00a0:',
        "Transformation des services d'emploi – Mise en œuvre à l'échelle provinciale",
        'Le ministère du Travail, de la Formation',
        'Nous vous prions d\'agréer',
        'Version originale signée par',
        'Nelson Loureiro',
        'Drew Vanderduim',
        'c.\u00a0c.',
        "Administratrices et administrateurs d'Ontario au travail",
        'p.\u00a0j.',
        'Questions et réponses supplémentaires',
      ],
      'reference memo',
    );
  });

  it('reads the English example with English labels and date', () => {
    assertInOrder(text.get('winter-readiness.en') ?? '', ['MEMORANDUM', 'TO:', 'FROM:', 'DATE:', 'SUBJECT:', 'Original signed by'], 'English memo');
  });

  it('reads the two-language example as the English memo, then the French one', () => {
    assertInOrder(
      text.get('data-sharing') ?? '',
      ['MEMORANDUM', 'TO:', 'October 2, 2026', 'Updated consent form', 'Original signed by', 'NOTE DE SERVICE', 'DESTINATAIRE\u00a0:', 'Le 2 octobre 2026', 'Formulaire de consentement', 'Version originale signée par'],
      'two-language memo',
    );
  });
});

describe('real readers: poppler reads the PDF export printed by Chromium', function () {
  this.timeout(180_000);

  it('prints Letter pages, tagged, with the labels and date, and no browser header or footer', async function () {
    const pdfinfo = requireReader(this, 'pdfinfo', 'poppler-utils');
    const dir = workspace({ 'reference.memo.md': REFERENCE });
    // The browser is found in its usual place (Debian's /usr/bin/chromium, installed by .ci/run).
    const result = runCli(['export', 'reference.memo.md', '--format', 'pdf'], dir, { LANG: 'en_CA.UTF-8' });
    assert.equal(result.code, 0, result.stderr);
    const pdf = path.join(dir, 'reference.memo.pdf');
    const info = await run(pdfinfo, [pdf]);
    assert.match(info, /Tagged:\s+yes/);
    assert.match(info, /Page size:\s+612 x 792 pts \(letter\)/);
    assert.match(info, /Title:\s+Transformation des services d'emploi/);
    const pdfText = await run('pdftotext', ['-layout', pdf, '-']);
    assertInOrder(pdfText, ['NOTE DE SERVICE', 'DESTINATAIRES', 'DATE', 'Le 11 juin 2021', 'OBJET', 'Version originale signée par', 'c.', 'p.'], 'PDF');
    assert.doesNotMatch(pdfText, /file:\/\/|\.html/, 'no browser header or footer (the page address)');
    mkdirSync(OUTPUT, { recursive: true });
    copyFileSync(pdf, path.join(OUTPUT, 'reference.pdf'));
  });
});
