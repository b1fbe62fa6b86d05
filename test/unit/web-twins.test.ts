import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { localPathOf as webPathOf, pathToUri as webUriOf } from '../../server/src/lsp/file-uris.browser';
import { sha256Base64 } from '../../server/src/preview/sha256';
import { sha256Base64 as browserSha256Base64 } from '../../server/src/preview/sha256.browser';
import { ROOT } from '../support/memo';

describe('the web build\'s twins of Node-only modules', () => {
  it('hashes the CSS for the export\'s CSP as node:crypto does (sha256.browser.ts)', () => {
    const css = readFileSync(path.join(ROOT, 'media', 'memo.css'), 'utf8');
    for (const text of ['', 'a', '« é » — \u00a0', css]) assert.equal(browserSha256Base64(text), sha256Base64(text));
  });
});

describe('the web build\'s workspace paths (file-uris.browser.ts)', () => {
  it('gives every hierarchical workspace URI a path, and the path back its URI', () => {
    for (const [uri, file] of [
      ['vscode-vfs://github/org/repo/memos/a.memo.md', '/vscode-vfs:github/org/repo/memos/a.memo.md'],
      ['vscode-remote://localhost:8080/home/writer/a.memo.md', '/vscode-remote:localhost:8080/home/writer/a.memo.md'],
      ['vscode-vfs://github/org/repo/Note%20de%20service%20%C3%A9t%C3%A9.memo.md', '/vscode-vfs:github/org/repo/Note de service été.memo.md'],
      ['file:///home/writer/.policy-memo/glossary.yaml', '/file:/home/writer/.policy-memo/glossary.yaml'],
    ]) {
      assert.equal(webPathOf(uri), file, uri);
      assert.equal(webUriOf(file), uri, file);
    }
  });

  it('keeps a path in its scheme and authority: no path for a URI with `..` or without a hierarchy', () => {
    assert.equal(webPathOf('vscode-vfs://github/org/repo/../../other/x.memo.md'), undefined);
    assert.equal(webPathOf('vscode-vfs://github/org/%2E%2E/x.memo.md'), undefined);
    assert.equal(webPathOf('untitled:Untitled-1'), undefined);
    // A path climbed above its scheme and authority names no URI (and confinement to the workspace folder refuses it first).
    assert.throws(() => webUriOf(path.posix.resolve('/vscode-vfs:github/org/repo', '../../..')));
  });
});

describe('the manifest of the web extension', () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    main: string;
    browser: string;
    capabilities: { virtualWorkspaces: unknown };
    contributes: { menus: Record<string, { command: string; when?: string }[]> };
  };

  it('has the web entry beside the desktop one, and supports virtual workspaces', () => {
    assert.equal(manifest.main, './dist/client.js');
    assert.equal(manifest.browser, './dist/web/client.js');
    assert.equal(manifest.capabilities.virtualWorkspaces, true);
  });

  it('shows Export to PDF only where a PDF can be printed (the policyMemo.canPrintPdf context key)', () => {
    const pdf = Object.values(manifest.contributes.menus).flat().filter((item) => item.command === 'policyMemo.exportPdf');
    assert.ok(pdf.length >= 2);
    for (const item of pdf) assert.match(item.when ?? '', /^policyMemo\.canPrintPdf && /);
  });
});
