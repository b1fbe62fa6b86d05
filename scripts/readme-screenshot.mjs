// Makes docs/images/preview.png for the README: a memo's source, as in the editor, beside its preview.
// Run `npm run docs:screenshot` (needs Debian's chromium, like the browser tests).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { escapeHtml, renderMemo } = require(path.join(root, 'out/server/src/preview/index.js'));
const { parseMemo } = require(path.join(root, 'out/server/src/engine/index.js'));

const memoFile = 'examples/winter-readiness.en.memo.md';
const source = readFileSync(path.join(root, memoFile), 'utf8');
const name = path.basename(memoFile);
const rendered = renderMemo(parseMemo(source, 'markdown'));
const css = ['media/memo.css', 'media/preview.css'].map((f) => readFileSync(path.join(root, f), 'utf8')).join('\n');

// A plain editor look: YAML keys, values and the front matter fences coloured like a dark theme.
let inFront = false;
const code = source.split('\n').map((line, n) => {
  let html = escapeHtml(line);
  if (line === '---') {
    inFront = n === 0;
    html = `<span class="fence">${html}</span>`;
  } else if (inFront) {
    html = html.replace(/^(\s*(?:- )?)([\w]+)(:)(.*)$/, '$1<span class="key">$2</span>$3<span class="value">$4</span>');
  }
  return `<div class="line"><span class="num">${n + 1}</span><span class="text">${html || ' '}</span></div>`;
}).join('');

const page = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
${css}
html, body { margin: 0; padding: 0; height: 100%; background: #1f1f1f; }
.window { display: grid; grid-template-columns: 46% 54%; height: 100vh; font-family: "DejaVu Sans", sans-serif; }
.tab { height: 34px; display: flex; align-items: center; padding: 0 14px; font-size: 13px; color: #ffffff; background: #1f1f1f; border-bottom: 1px solid #2b2b2b; }
.tab span { border-top: 2px solid #0078d4; padding: 7px 10px; background: #1f1f1f; }
.editor { background: #1f1f1f; color: #cccccc; overflow: hidden; border-right: 1px solid #2b2b2b; }
.code { font: 13px/19px "DejaVu Sans Mono", monospace; padding: 8px 0; }
.line { display: flex; white-space: pre-wrap; }
.num { flex: 0 0 44px; text-align: right; padding-right: 18px; color: #6e7681; }
.text { flex: 1; padding-right: 12px; }
.key { color: #569cd6; } .value { color: #ce9178; } .fence { color: #808080; }
.preview { background: var(--memo-desk); overflow: hidden; }
.preview .tab { background: #181818; }
.preview main { padding: 16px 20px; }
.preview .memo-page { font-size: 10pt; }
</style></head><body><div class="window">
<section class="editor"><div class="tab"><span>${name}</span></div><div class="code">${code}</div></section>
<section class="preview"><div class="tab"><span>Preview: ${name}</span></div><main>${rendered.html}</main></section>
</div></body></html>`;

const profile = mkdtempSync(path.join(tmpdir(), 'policy-memo-shot-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1440, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const tab = await context.newPage();
  await tab.setContent(page);
  await tab.screenshot({ path: path.join(root, 'docs/images/preview.png') });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log('docs/images/preview.png');
