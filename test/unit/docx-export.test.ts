import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseMemo } from '../../server/src/engine';
import { folderImages, renderDocx } from '../../server/src/preview';
import { docxParts, paragraphTexts, part, runs } from '../support/docx';
import { REFERENCE, ROOT } from '../support/memo';
import { workspace } from '../support/cli';

const PNG_1x1 = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082',
  'hex',
);

async function docx(text: string, kind: 'markdown' | 'yaml' = 'markdown', folder?: string) {
  const bytes = await renderDocx(parseMemo(text, kind), { resolveImage: folder ? folderImages(folder) : undefined });
  return docxParts(bytes);
}

function memo(front: string, body: string): string {
  return `---\n${front}\n---\n${body}`;
}

describe('Word export (.docx)', () => {
  it('writes the reference memo in the official layout and order, with the labels and date in French', async () => {
    const parts = await docx(REFERENCE);
    const texts = paragraphTexts(part(parts, 'word/document.xml')).filter((t) => t !== '');
    const order = [
      'Ministry of Children, Community and Social Services',
      "Ministère des Services à l'enfance et des Services sociaux et communautaires",
      'Social Assistance Operations Division',
      'NOTE DE SERVICE',
      'DESTINATAIRES\u00a0:',
      "Commissaires et directrices générales et directeurs généraux de l'administration",
      'EXPÉDITEUR ET EXPÉDITRICE\u00a0:',
      'Nelson Loureiro',
      'Sous-ministre adjoint',
      'DATE\u00a0:',
      'Le 11 juin 2021',
      'OBJET\u00a0:',
      "Transformation des services d'emploi – Mise en œuvre à l'échelle provinciale",
      'Nous vous prions d\'agréer l\'expression de nos sentiments les meilleurs.',
      'Version originale signée par',
      'Drew Vanderduim',
      'Division des opérations relatives à l\'aide sociale',
      'c.\u00a0c.',
      "Administratrices et administrateurs d'Ontario au travail",
      'p.\u00a0j.',
    ];
    let at = -1;
    for (const expected of order) {
      const next = texts.indexOf(expected, at + 1);
      assert.ok(next > at, `"${expected}" after position ${at} in:\n${texts.join('\n')}`);
      at = next;
    }
  });

  it('gives every run its language: the memo\'s, and English or French on the letterhead\'s two sides', async () => {
    const all = runs(part(await docx(REFERENCE), 'word/document.xml')).filter((r) => r.text !== '');
    assert.deepEqual(all.filter((r) => r.lang === undefined), [], 'every run with text has a language');
    assert.equal(all.find((r) => r.text === 'Ministry of Children, Community and Social Services')?.lang, 'en-CA');
    assert.equal(all.find((r) => r.text.startsWith('Ministère des Services'))?.lang, 'fr-CA');
    assert.equal(all.find((r) => r.text === 'NOTE DE SERVICE')?.lang, 'fr-CA');
    assert.equal(all.find((r) => r.text.startsWith('Le ministère du Travail'))?.lang, 'fr-CA');
  });

  it('sets the document properties and the page: Letter, one-inch margins, page numbers from the second page', async () => {
    const parts = await docx(REFERENCE);
    const core = part(parts, 'docProps/core.xml');
    assert.match(core, /<dc:title>Transformation des services d&apos;emploi – Mise en œuvre à l&apos;échelle provinciale<\/dc:title>/);
    assert.match(core, /<dc:creator>Nelson Loureiro<\/dc:creator>/);
    assert.match(core, /<dc:subject>Transformation des services/);
    assert.match(core, /<dc:language>fr-CA<\/dc:language>/);
    const document = part(parts, 'word/document.xml');
    assert.match(document, /<w:pgSz w:w="12240" w:h="15840"/);
    assert.match(document, /<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/);
    assert.match(document, /<w:titlePg\/>/);
    const footers = [...parts].filter(([name]) => /^word\/footer\d+\.xml$/.test(name)).map(([, xml]) => xml);
    assert.equal(footers.filter((xml) => /PAGE/.test(xml)).length, 1, 'one footer (not the first page\'s) has the page number');
    assert.match(part(parts, 'word/styles.xml'), /<w:docDefaults>[\s\S]*<w:lang w:val="fr-CA"/);
  });

  it('uses named styles a ministry can restyle, and Word headings for the body\'s headings', async () => {
    const parts = await docx(memo('lang: en\nsubject: S', '# Context\n\nText.\n\n## Detail\n\n> Quoted.\n\nSome `code` here.'));
    const styles = part(parts, 'word/styles.xml');
    for (const name of ['Memo Title', 'Memo Label', 'Memo Value', 'Memo Body', 'Memo Signature', 'Memo List', 'Memo Quote', 'Memo Inline Code']) {
      assert.match(styles, new RegExp(`<w:name w:val="${name}"/>`), name);
    }
    const document = part(parts, 'word/document.xml');
    assert.match(document, /<w:pStyle w:val="MemoTitle"\/>[\s\S]*?MEMORANDUM/);
    assert.match(document, /<w:pStyle w:val="Heading1"\/>[\s\S]*?Context/);
    assert.match(document, /<w:pStyle w:val="Heading2"\/>[\s\S]*?Detail/);
    assert.match(document, /<w:pStyle w:val="MemoQuote"\/>[\s\S]*?Quoted\./);
    assert.match(document, /<w:rStyle w:val="MemoInlineCode"\/>[\s\S]*?code/);
    // Runs carry no direct font or size: the look is the styles'.
    assert.doesNotMatch(document, /<w:rFonts|<w:sz /);
    // The header block and letterhead are borderless layout tables without a header row.
    assert.doesNotMatch(document, /<w:tblHeader/);
    assert.match(document, /<w:tblLook w:firstRow="false"/);
  });

  it('writes lists with Word numbering, nested, each numbered list counting on its own', async () => {
    const body = '1. One\n2. Two\n   - Nested a\n   - Nested b\n3. Three\n\nBetween.\n\n1. Again one\n\nAnd.\n\n5. Five\n6. Six\n';
    const parts = await docx(memo('lang: en', body));
    const document = part(parts, 'word/document.xml');
    const numbered = [...document.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:numPr><w:ilvl w:val="(\d)"\/><w:numId w:val="(\d+)"\/><\/w:numPr>[\s\S]*?<\/w:p>/g)].map((m) => ({
      level: Number(m[1]),
      numId: m[2],
      text: paragraphTexts(m[0]).join(''),
    }));
    assert.deepEqual(
      numbered.map((n) => [n.text, n.level]),
      [['One', 0], ['Two', 0], ['Nested a', 1], ['Nested b', 1], ['Three', 0], ['Again one', 0], ['Five', 0], ['Six', 0]],
    );
    const idOf = (text: string) => numbered.find((n) => n.text === text)?.numId;
    assert.equal(idOf('One'), idOf('Three'));
    assert.notEqual(idOf('One'), idOf('Nested a'));
    assert.notEqual(idOf('One'), idOf('Again one'), 'a second list starts again at 1');
    const numbering = part(parts, 'word/numbering.xml');
    assert.match(numbering, /<w:numFmt w:val="bullet"\/>/);
    assert.match(numbering, /<w:numFmt w:val="decimal"\/>/);
    assert.match(numbering, /<w:start w:val="5"\/>/, 'a list written from 5 starts at 5');
  });

  it('makes http(s) and mailto links real hyperlinks and every other target plain text', async () => {
    const body = '[site](https://www.ontario.ca/page) [mail](mailto:a@ontario.ca) [here](#) [file](notes.md) [bad](javascript:alert(1)) <https://x.example/a>';
    const parts = await docx(memo('lang: en', body));
    const rels = part(parts, 'word/_rels/document.xml.rels');
    const external = [...rels.matchAll(/Target="([^"]+)" TargetMode="External"/g)].map((m) => m[1]).sort();
    assert.deepEqual(external, ['https://www.ontario.ca/page', 'https://x.example/a', 'mailto:a@ontario.ca']);
    const document = part(parts, 'word/document.xml');
    assert.equal((document.match(/<w:hyperlink /g) ?? []).length, 3);
    const texts = paragraphTexts(document).join('\n');
    for (const text of ['site', 'mail', 'here', 'file', '[bad](javascript:alert(1))']) assert.ok(texts.includes(text), text);
  });

  it('prints the contact after the signatures, as the preview does, with the e-mail as a mailto hyperlink', async () => {
    const front = 'lang: fr\nfrom:\n  - name: Amélie Côté\n    title: Directrice\ncontact:\n  name: Jo Tremblay\n  title: Analyste\n  email: jo.tremblay@ontario.ca\ncc:\n  - Direction des finances';
    const parts = await docx(memo(front, 'Corps.'));
    const texts = paragraphTexts(part(parts, 'word/document.xml')).filter((t) => t !== '');
    const contactLine = 'Personne-ressource\u00a0: Jo Tremblay, Analyste, jo.tremblay@ontario.ca';
    assert.ok(texts.includes(contactLine), texts.join('\n'));
    assert.ok(texts.indexOf('Directrice') < texts.indexOf(contactLine) && texts.indexOf(contactLine) < texts.indexOf('Direction des finances'));
    assert.match(part(parts, 'word/_rels/document.xml.rels'), /Target="mailto:jo\.tremblay@ontario\.ca" TargetMode="External"/);
  });

  it('embeds images from the memo\'s folder with their alt text, and only those', async () => {
    const dir = workspace({ 'chart.png': PNG_1x1 });
    writeFileSync(path.join(path.dirname(dir), `outside-${path.basename(dir)}.png`), PNG_1x1);
    const body = `![Caseload by region](chart.png)\n\n![Out](../outside-${path.basename(dir)}.png) ![Web](https://evil.example/x.png)`;
    const parts = await docx(memo('lang: en', body), 'markdown', dir);
    const media = [...parts.keys()].filter((name) => name.startsWith('word/media/'));
    assert.equal(media.length, 1);
    const document = part(parts, 'word/document.xml');
    assert.match(document, /<wp:docPr [^>]*descr="Caseload by region"/);
    const texts = paragraphTexts(document).join('\n');
    assert.ok(texts.includes('[Out]') && texts.includes('[Web]'), texts);
    assert.doesNotMatch(part(parts, 'word/_rels/document.xml.rels'), /evil\.example|outside-/);
  });

  it('writes a two-language memo as one section per language, each with its own labels, date and body', async () => {
    const text = readFileSync(path.join(ROOT, 'examples', 'data-sharing.memo.yaml'), 'utf8');
    const document = part(await docx(text, 'yaml'), 'word/document.xml');
    const sections = document.split(/<w:sectPr/).slice(0, -1);
    assert.equal((document.match(/<w:sectPr/g) ?? []).length, 2);
    const [en, fr] = sections;
    assert.ok(paragraphTexts(en).includes('MEMORANDUM') && paragraphTexts(en).includes('TO:') && paragraphTexts(en).includes('October 2, 2026'));
    assert.ok(paragraphTexts(fr).includes('NOTE DE SERVICE') && paragraphTexts(fr).includes('DESTINATAIRE\u00a0:') && paragraphTexts(fr).includes('Le 2 octobre 2026'));
    const bodyLang = (xml: string) => new Set(runs(xml).filter((r) => r.text.length > 40 && !/Ministry|Ministère|Division/.test(r.text)).map((r) => r.lang));
    assert.deepEqual([...bodyLang(en)], ['en-CA']);
    assert.deepEqual([...bodyLang(fr)], ['fr-CA']);
  });

  it('marks ::: fr blocks of a one-language memo as French, and leaves out the signature line with signature: none', async () => {
    const text = memo('lang: en\nfrom: [{name: A B, title: Director}]\nsignature: none', 'English text.\n\n::: fr\nTexte français.\n:::\n');
    const document = part(await docx(text), 'word/document.xml');
    const all = runs(document);
    assert.equal(all.find((r) => r.text === 'English text.')?.lang, 'en-CA');
    assert.equal(all.find((r) => r.text === 'Texte français.')?.lang, 'fr-CA');
    assert.ok(!paragraphTexts(document).includes('Original signed by'));
    assert.ok(paragraphTexts(document).includes('A B'));
  });

  it('still writes a document for a memo whose YAML cannot be read', async () => {
    const document = part(await docx('---\nlang: [en\n---\nBody text.\n'), 'word/document.xml');
    assert.ok(paragraphTexts(document).includes('MEMORANDUM') && paragraphTexts(document).includes('Body text.'));
  });
});
