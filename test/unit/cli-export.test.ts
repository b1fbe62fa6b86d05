import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { escapeHtml, exportCsp, memoCss } from '../../server/src/preview';
import { runCli, workspace } from '../support/cli';
import { docxParts, paragraphTexts, part } from '../support/docx';
import { REFERENCE } from '../support/memo';

const run = (args: string[], cwd: string) => runCli(args, cwd, { LANG: 'en_CA.UTF-8' });

describe('policy-memo export', () => {
  let dir: string;
  beforeEach(() => {
    dir = workspace({ 'reference.memo.md': REFERENCE });
  });

  it('writes a standalone HTML file beside the memo and exits 0 for a clean memo', () => {
    const { code, stdout, stderr } = run(['export', 'reference.memo.md'], dir);
    assert.equal(code, 0, stderr);
    assert.equal(stderr, '');
    assert.match(stdout, /reference\.memo\.html/);
    const html = readFileSync(path.join(dir, 'reference.memo.html'), 'utf8');
    assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="fr">'));
    assert.ok(html.includes(`<style>${memoCss()}</style>`), 'the CSS is inside the file');
    assert.ok(html.includes(`content="${escapeHtml(exportCsp(memoCss()))}"`));
    assert.ok(html.includes('default-src &#39;none&#39;'));
    assert.ok(html.includes('DESTINATAIRES\u00a0:') && html.includes('Le 11 juin 2021'));
    assert.ok(!/<script|<link|src="http/.test(html), 'nothing is loaded or run');
  });

  it('writes to -o OUT and accepts --format html', () => {
    const { code } = run(['export', 'reference.memo.md', '--format', 'html', '-o', 'out/../memo.html'], dir);
    assert.equal(code, 0);
    assert.ok(existsSync(path.join(dir, 'memo.html')));
    assert.ok(!existsSync(path.join(dir, 'reference.memo.html')));
  });

  it('still exports a memo with errors, warns on stderr and exits 1', () => {
    writeFileSync(path.join(dir, 'broken.memo.yaml'), 'lang: fr\nsubject: <b>Sujet</b>\nbody: Texte.\n');
    const { code, stderr } = run(['export', 'broken.memo.yaml'], dir);
    assert.equal(code, 1);
    assert.match(stderr, /broken\.memo\.yaml has \d+ errors?; it was exported anyway/);
    const html = readFileSync(path.join(dir, 'broken.memo.html'), 'utf8');
    assert.ok(html.includes('&lt;b&gt;Sujet&lt;/b&gt;') && html.includes('<p>Texte.</p>'));
  });

  it('exits 2 on bad usage and on files it cannot use', () => {
    writeFileSync(path.join(dir, 'notes.md'), '# no');
    const cases: [string[], RegExp][] = [
      [['export'], /Give the memo files or folders to export/],
      [['export', 'reference.memo.md', '--format', 'odt'], /Unknown export format "odt": use html, docx or pdf/],
      [['export', 'reference.memo.md', 'notes.md'], /is not a memo file/],
      [['export', 'notes.md'], /is not a memo file/],
      [['export', 'missing.memo.md'], /Cannot read "missing\.memo\.md"/],
      [['export', 'reference.memo.md', '-o', 'no/such/folder/x.html'], /Cannot write/],
      [['lint', 'reference.memo.md', '-o', 'x.html'], /only for policy-memo export/],
      [['lint', 'reference.memo.md', '--browser', 'chrome'], /only for policy-memo export/],
      [['export', 'reference.memo.md', '-o', 'reference.memo.md'], /would replace the memo file "reference\.memo\.md"; nothing was written/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = run(args, dir);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, message, args.join(' '));
    }
    assert.equal(readFileSync(path.join(dir, 'reference.memo.md'), 'utf8'), REFERENCE, 'the memo is untouched');
  });

  it('inlines images from the memo\'s folder and nothing from elsewhere', () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    writeFileSync(path.join(dir, 'chart.png'), png);
    writeFileSync(path.join(path.dirname(dir), `outside-${path.basename(dir)}.png`), png);
    const text = readFileSync(path.join(dir, 'reference.memo.md'), 'utf8') + `\n![Chart](chart.png) ![Out](../outside-${path.basename(dir)}.png)\n`;
    writeFileSync(path.join(dir, 'images.memo.md'), text);
    assert.equal(run(['export', 'images.memo.md'], dir).code, 0);
    const html = readFileSync(path.join(dir, 'images.memo.html'), 'utf8');
    assert.ok(html.includes(`<img src="data:image/png;base64,${png.toString('base64')}" alt="Chart">`));
    assert.ok(html.includes('<span class="image-missing">[Out]</span>'));
  });

  it('writes a Word document with --format docx, beside the memo or to -o', async () => {
    const { code, stdout, stderr } = run(['export', 'reference.memo.md', '--format', 'docx'], dir);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /reference\.memo\.docx/);
    const parts = await docxParts(readFileSync(path.join(dir, 'reference.memo.docx')));
    assert.ok(paragraphTexts(part(parts, 'word/document.xml')).includes('Le 11 juin 2021'));
    assert.equal(run(['export', 'reference.memo.md', '--format', 'docx', '-o', 'memo.docx'], dir).code, 0);
    assert.ok(existsSync(path.join(dir, 'memo.docx')));
  });

  it('exports every memo of several files or a folder, to -o FOLDER when given, and exits 1 if one has errors', () => {
    const dir2 = workspace({ 'memos/a.memo.md': REFERENCE, 'memos/sub/b.memo.yaml': 'lang: fr\nsubject: <b>Sujet</b>\nbody: Texte.\n', 'out/keep.txt': '' });
    const folder = run(['export', 'memos', '--format', 'docx'], dir2);
    assert.equal(folder.code, 1, folder.stderr);
    assert.ok(existsSync(path.join(dir2, 'memos', 'a.memo.docx')) && existsSync(path.join(dir2, 'memos', 'sub', 'b.memo.docx')));
    assert.match(folder.stderr, /b\.memo\.yaml has \d+ errors?;/);
    const several = run(['export', 'memos/a.memo.md', 'memos/sub/b.memo.yaml', '-o', 'out'], dir2);
    assert.equal(several.code, 1);
    assert.ok(existsSync(path.join(dir2, 'out', 'a.memo.html')) && existsSync(path.join(dir2, 'out', 'b.memo.html')));
    const noFolder = run(['export', 'memos', '-o', 'nowhere.html'], dir2);
    assert.equal(noFolder.code, 2);
    assert.match(noFolder.stderr, /With several memos, -o\/--output must be an existing folder/);
    assert.ok(!existsSync(path.join(dir2, 'nowhere.html')));
  });

  it('replaces an existing export whole and leaves no temporary file; writes nothing for a memo it cannot read', () => {
    writeFileSync(path.join(dir, 'reference.memo.html'), 'old export');
    assert.equal(run(['export', 'reference.memo.md'], dir).code, 0);
    assert.ok(readFileSync(path.join(dir, 'reference.memo.html'), 'utf8').startsWith('<!DOCTYPE html>'));
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
    writeFileSync(path.join(dir, 'latin1.memo.md'), Buffer.from('---\nlang: fr\n---\nD\xe9j\xe0\n', 'latin1'));
    const { code, stderr } = run(['export', 'latin1.memo.md', 'reference.memo.md', '--format', 'docx'], dir);
    assert.equal(code, 2, stderr);
    assert.match(stderr, /latin1\.memo\.md/);
    assert.ok(!existsSync(path.join(dir, 'latin1.memo.docx')), 'nothing written for the memo that cannot be read');
    assert.ok(existsSync(path.join(dir, 'reference.memo.docx')), 'the other memo is still exported');
  });

  it('says exactly which browser is missing for a PDF, exits 2 and writes nothing', () => {
    const { code, stderr } = run(['export', 'reference.memo.md', '--format', 'pdf', '--browser', 'no/such/chrome'], dir);
    assert.equal(code, 2);
    assert.match(stderr, /The browser "no\/such\/chrome" was not found; nothing was written\. Give the path of Chrome, Edge or Chromium with --browser PATH/);
    assert.ok(!existsSync(path.join(dir, 'reference.memo.pdf')));
  });

  it('shows the export usage in the help', () => {
    for (const args of [['export', '--help'], ['--help']]) {
      const { stdout } = run(args, dir);
      assert.match(stdout, /policy-memo lint[\s\S]*policy-memo export FILE\|FOLDER\.\.\. \[--format html\|docx\|pdf\] \[-o OUT\]/);
      assert.match(stdout, /--browser PATH/);
      assert.match(stdout, /-o, --output FILE/);
    }
  });
});
