import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { withMemoPreviewNote } from '../../client/src/markdownNote';
import { ROOT } from '../support/memo';

const NOTE = 'This is the Markdown preview: it shows the body only.';

describe("VS Code's Markdown preview of a memo", () => {
  const md = withMemoPreviewNote(new MarkdownIt(), () => NOTE);

  it('opens with a one-line note pointing to the memo preview, for .memo.md files only', () => {
    const memo = md.render('Le corps de la note.\n', { currentDocument: { path: '/work/notes/a.memo.md' } });
    assert.equal(memo, `<p><em>${NOTE}</em></p>\n<p>Le corps de la note.</p>\n`);
    assert.equal(md.render('Text.\n', { currentDocument: { path: '/work/notes/readme.md' } }), '<p>Text.</p>\n');
    assert.equal(md.render('Text.\n', {}), '<p>Text.</p>\n');
  });

  it('shows it when the document is named only at render time, as VS Code does (it parses with an empty env)', () => {
    const tokens = md.parse('Le corps de la note.\n', {});
    const html = md.renderer.render(tokens, md.options, { currentDocument: { path: '/work/notes/a.memo.md' } });
    assert.equal(html, `<p><em>${NOTE}</em></p>\n<p>Le corps de la note.</p>\n`);
    // The same tokens, rendered for another document: no note (the tokens were not changed).
    assert.equal(md.renderer.render(tokens, md.options, { currentDocument: { path: '/work/notes/readme.md' } }), '<p>Le corps de la note.</p>\n');
  });

  it('is escaped as text, whatever the note says', () => {
    const hostile = withMemoPreviewNote(new MarkdownIt(), () => '<img src=x onerror=alert(1)>');
    assert.match(hostile.render('x', { currentDocument: { path: 'a.memo.md' } }), /&lt;img src=x onerror=alert\(1\)&gt;/);
  });
});

describe('the memo preview in the manifest', () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: {
      'markdown.markdownItPlugins'?: boolean;
      commands: { command: string; icon?: unknown; category?: string }[];
      keybindings: { command: string; key: string; when: string }[];
      menus: Record<string, { command: string; when: string }[]>;
    };
  };
  const c = manifest.contributes;
  const memoFile = /resourceFilename =~ \/\\\.memo\\\.\(md\|ya\?ml\)\$\//;

  it('contributes the markdown-it plugin', () => assert.equal(c['markdown.markdownItPlugins'], true));

  it('gives the preview button its own icon, not Markdown\'s open-preview', () => {
    const button = c.commands.find((cmd) => cmd.command === 'policyMemo.openPreviewToSide');
    assert.deepEqual(button?.icon, { light: 'media/memo-preview-light.svg', dark: 'media/memo-preview-dark.svg' });
    assert.equal(button?.category, undefined, 'the title itself says "Policy Memo: Open Preview to the Side"');
  });

  it('binds Ctrl+K V and Ctrl+Shift+V to the memo preview when a memo file has focus', () => {
    for (const [key, command] of [['ctrl+k v', 'policyMemo.openPreviewToSide'], ['ctrl+shift+v', 'policyMemo.openPreview']]) {
      const binding = c.keybindings.find((k) => k.key === key);
      assert.equal(binding?.command, command, key);
      assert.match(binding?.when ?? '', memoFile);
    }
  });

  it('puts export and "show source" in the preview panel\'s title bar, and keeps the commands while the preview has focus', () => {
    const title = c.menus['editor/title'].filter((m) => /activeWebviewPanelId == 'policyMemo\.preview'/.test(m.when)).map((m) => m.command);
    assert.deepEqual(title, ['policyMemo.exportHtml', 'policyMemo.showSource']);
    for (const command of ['policyMemo.exportHtml', 'policyMemo.openPreview']) {
      assert.match(c.menus.commandPalette.find((m) => m.command === command)?.when ?? '', /\|\| activeWebviewPanelId == 'policyMemo\.preview'/);
    }
  });
});
