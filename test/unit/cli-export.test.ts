import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { escapeHtml, exportCsp, memoCss } from '../../server/src/preview';
import { runCli, workspace } from '../support/cli';
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
    assert.match(stderr, /broken\.memo\.yaml has \d+ error\(s\); it was exported anyway/);
    const html = readFileSync(path.join(dir, 'broken.memo.html'), 'utf8');
    assert.ok(html.includes('&lt;b&gt;Sujet&lt;/b&gt;') && html.includes('<p>Texte.</p>'));
  });

  it('exits 2 on bad usage and on files it cannot use', () => {
    writeFileSync(path.join(dir, 'notes.md'), '# no');
    const cases: [string[], RegExp][] = [
      [['export'], /exactly one memo/],
      [['export', 'reference.memo.md', 'reference.memo.md'], /exactly one memo/],
      [['export', 'reference.memo.md', '--format', 'pdf'], /Unknown export format "pdf"/],
      [['export', 'notes.md'], /is not a memo file/],
      [['export', 'missing.memo.md'], /Cannot read "missing\.memo\.md"/],
      [['export', 'reference.memo.md', '-o', 'no/such/folder/x.html'], /Cannot write/],
      [['lint', 'reference.memo.md', '-o', 'x.html'], /only for policy-memo export/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = run(args, dir);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, message, args.join(' '));
    }
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

  it('shows the export usage in the help', () => {
    for (const args of [['export', '--help'], ['--help']]) {
      const { stdout } = run(args, dir);
      assert.match(stdout, /policy-memo lint[\s\S]*policy-memo export FILE \[--format html\] \[-o OUT\]/);
      assert.match(stdout, /-o, --output FILE/);
    }
  });
});
