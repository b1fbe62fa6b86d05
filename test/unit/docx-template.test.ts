import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Document, Header, ImageRun, Packer, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import { parseMemo } from '../../server/src/engine';
import { DocxTemplate, MAX_TEMPLATE_BYTES, readTemplate, renderDocx } from '../../server/src/preview';
import { runCli, workspace } from '../support/cli';
import { docxParts, part } from '../support/docx';
import { REFERENCE } from '../support/memo';

const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** A ministry's template as Word would save one: its own Memo Body style and a logo in the first page's header. */
async function ministryTemplate(): Promise<Buffer> {
  const doc = new Document({
    styles: { paragraphStyles: [{ id: 'MemoBody', name: 'Memo Body', run: { font: 'Garamond', size: 24 } }] },
    sections: [
      {
        properties: { titlePage: true },
        headers: {
          first: new Header({
            children: [new Paragraph({ children: [new ImageRun({ type: 'png', data: PNG_1x1, transformation: { width: 120, height: 40 }, altText: { name: 'Logo', description: 'Ontario logo' } })] })],
          }),
        },
        children: [new Paragraph({ children: [new TextRun('Template')] })],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

async function template(bytes: Uint8Array): Promise<DocxTemplate> {
  const read = await readTemplate(bytes);
  assert.ok(typeof read !== 'string', `refused: ${String(read)}`);
  return read;
}

describe('a ministry\'s Word template (.policy-memo/template.docx)', () => {
  it('gives the export its styles, keeps the built-in styles it lacks, and puts its logo in the first page\'s header', async () => {
    const ministry = await template(await ministryTemplate());
    assert.ok(ministry.styleIds.has('MemoBody'));
    assert.deepEqual(ministry.logo.map((l) => [l.type, l.width, l.height, l.description]), [['png', 120, 40, 'Ontario logo']]);
    const parts = await docxParts(await renderDocx(parseMemo(REFERENCE, 'markdown'), { template: ministry }));
    const styles = part(parts, 'word/styles.xml');
    assert.equal((styles.match(/w:styleId="MemoBody"/g) ?? []).length, 1, 'one Memo Body: the template\'s');
    assert.match(styles, /w:styleId="MemoBody"[\s\S]*?Garamond[\s\S]*?<\/w:style>/);
    assert.match(styles, /w:styleId="MemoTitle"/, 'the memo styles the template lacks are still there');
    const document = part(parts, 'word/document.xml');
    assert.match(document, /<w:headerReference w:type="first"/);
    const headers = [...parts].filter(([name]) => /^word\/header\d+\.xml$/.test(name));
    assert.ok(headers.some(([, xml]) => /descr="Ontario logo"/.test(xml)), 'the logo, with its description, in a header');
    assert.equal([...parts.keys()].filter((name) => name.startsWith('word/media/')).length, 1);
  });

  it('refuses a file that is not a .docx, one over 10 MB, and a macro-enabled one', async () => {
    assert.equal(await readTemplate(Buffer.from('not a zip')), 'template.notDocx');
    assert.equal(await readTemplate(Buffer.alloc(MAX_TEMPLATE_BYTES + 1)), 'template.tooLarge');
    const macro = await JSZip.loadAsync(await ministryTemplate());
    macro.file('word/vbaProject.bin', Buffer.from('VBA'));
    assert.equal(await readTemplate(await macro.generateAsync({ type: 'uint8array' })), 'template.macros');
    const docm = await JSZip.loadAsync(await ministryTemplate());
    const types = await docm.file('[Content_Types].xml')?.async('string');
    docm.file('[Content_Types].xml', (types ?? '').replace('document.main+xml', 'document.macroEnabled.main+xml'));
    assert.equal(await readTemplate(await docm.generateAsync({ type: 'uint8array' })), 'template.macros');
    const empty = new JSZip();
    empty.file('readme.txt', 'a zip, not a Word document');
    assert.equal(await readTemplate(await empty.generateAsync({ type: 'uint8array' })), 'template.notDocx');
  });

  it('is used by policy-memo export for the memos under its folder; a broken one is named and the built-in styles are used', async () => {
    const dir = workspace({ 'memos/reference.memo.md': REFERENCE, 'memos/.policy-memo/template.docx': await ministryTemplate() });
    const used = runCli(['export', 'memos', '--format', 'docx'], dir, { LANG: 'en_CA.UTF-8' });
    assert.equal(used.code, 0, used.stderr);
    assert.equal(used.stderr, '');
    const styled = part(await docxParts(readFileSync(path.join(dir, 'memos', 'reference.memo.docx'))), 'word/styles.xml');
    assert.match(styled, /Garamond/);
    writeFileSync(path.join(dir, 'memos', '.policy-memo', 'template.docx'), 'not a Word file');
    const refused = runCli(['export', 'memos', '--format', 'docx'], dir, { LANG: 'en_CA.UTF-8' });
    assert.equal(refused.code, 0);
    assert.match(refused.stderr, /The Word template memos\/\.policy-memo\/template\.docx is not used \(it is not a Word document \(\.docx\)\); the built-in styles are used instead\./);
    const builtIn = part(await docxParts(readFileSync(path.join(dir, 'memos', 'reference.memo.docx'))), 'word/styles.xml');
    assert.doesNotMatch(builtIn, /Garamond/);
    assert.match(builtIn, /w:styleId="MemoBody"/);
  });
});
