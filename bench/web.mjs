// The web build in `npm run bench`: the browser language server (dist/web/server.js) in a Web Worker
// of headless Chromium, edit to diagnostics on the same memos as the Node server, timed inside the
// page (postMessage both ways, as in VS Code for the Web); and the size of each browser bundle.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
/* global window */

const require = createRequire(import.meta.url);

/** The page's side: a JSON-RPC client that answers the server's requests and times each edit to its diagnostics. */
const PAGE = `<!DOCTYPE html><title>Policy Memo web bench</title><script>
const worker = new Worker('/server.js');
const responses = new Map();
const waiters = new Map();
let id = 0;
const post = (message) => worker.postMessage({ jsonrpc: '2.0', ...message });
worker.onmessage = ({ data: m }) => {
  if (m.method === 'textDocument/publishDiagnostics') {
    const key = m.params.uri + '#' + m.params.version;
    waiters.get(key)?.();
    waiters.delete(key);
  } else if (m.method !== undefined && m.id !== undefined) {
    // workspace/configuration: the defaults; the workspace's files: none (nothing to read, as in an empty repository).
    const result = m.method === 'workspace/configuration' ? m.params.items.map(() => null) : m.method === 'policyMemo/readWorkspaceFile' ? { refusal: { refused: 'notFound' } } : null;
    post({ id: m.id, result });
  } else if (m.id !== undefined) {
    responses.get(m.id)?.(m);
  }
};
window.request = (method, params) => new Promise((resolve) => { const n = ++id; responses.set(n, resolve); post({ id: n, method, params }); });
window.notify = (method, params) => post({ method, params });
window.published = (uri, version) => new Promise((resolve) => waiters.set(uri + '#' + version, resolve));
window.timeEdit = (uri, version, change) => {
  const start = performance.now();
  const done = window.published(uri, version).then(() => performance.now() - start);
  window.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
  return done;
};
</script>`;

const ORIGIN = 'http://policy-memo.bench';
const REPO = 'vscode-vfs://github/org/repo';

/**
 * Edit-to-diagnostics times of the web server on each memo of `docs` (the same edits as the Node
 * server's runs: a letter typed, then deleted, two warm-up edits). Returns { label, ext, web: [ms] } rows.
 */
export async function runWeb({ root, docs, runsFor, editPosition, chromium, chromiumArgs }) {
  const serverFile = path.join(root, 'dist', 'web', 'server.js');
  if (!existsSync(serverFile)) throw new Error(`${serverFile} is missing: npm run build`);
  const serverJs = readFileSync(serverFile, 'utf8');
  const { chromium: playwright } = require('playwright-core');
  const browser = await playwright.launch({ executablePath: chromium, args: chromiumArgs });
  const rows = [];
  try {
    const page = await browser.newPage();
    await page.route(`${ORIGIN}/**`, (route) =>
      route.request().url() === `${ORIGIN}/server.js` ? route.fulfill({ contentType: 'text/javascript', body: serverJs }) : route.fulfill({ contentType: 'text/html', body: PAGE }),
    );
    await page.goto(`${ORIGIN}/`);
    await page.evaluate(
      ([repo]) =>
        window.request('initialize', { processId: null, rootUri: repo, workspaceFolders: [{ uri: repo, name: 'repo' }], capabilities: { workspace: { configuration: true, workspaceFolders: true } } }),
      [REPO],
    );
    await page.evaluate(() => window.notify('initialized', {}));
    for (const doc of docs) {
      const uri = `${REPO}/web-${doc.label.replace(/\W/g, '')}.${doc.ext}`;
      const times = await page.evaluate(
        async ({ uri, text, languageId, runs, at }) => {
          const opened = window.published(uri, 1);
          window.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
          await opened;
          const times = [];
          for (let i = 0; i < runs + 2; i++) {
            const version = i + 2;
            const change = i % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { ...at, character: at.character + 1 } }, text: '' };
            const t = await window.timeEdit(uri, version, change);
            if (i >= 2) times.push(t);
          }
          window.notify('textDocument/didClose', { textDocument: { uri } });
          return times;
        },
        { uri, text: doc.text, languageId: doc.kind === 'yaml' ? 'yaml' : 'markdown', runs: runsFor(doc.bytes), at: editPosition(doc.text) },
      );
      rows.push({ label: doc.label, ext: doc.ext, web: times });
    }
  } finally {
    await browser.close();
  }
  return rows;
}

/** The report's section: the web server beside the Node server, and the browser bundles' sizes. */
export function webReport(r, { ms, median, p95, kb }) {
  const lines = ['## The web build (VS Code for the Web)', ''];
  lines.push('Edit to diagnostics of the browser language server (`dist/web/server.js`, the production bundle) in a Web Worker of headless Chromium, timed inside the page (postMessage to the worker and back, as VS Code for the Web carries LSP), beside the Node server over stdio (the table above). Same memos, same edits.', '');
  lines.push('| memo | Node server | web worker | web ÷ Node |');
  lines.push('|---|---:|---:|---:|');
  for (const w of r.web.edits) {
    const node = r.edits.find((e) => e.label === w.label && e.ext === w.ext);
    lines.push(`| ${w.label} \`.${w.ext}\` | ${ms(median(node.ours))} (${ms(p95(node.ours))}) | ${ms(median(w.web))} (${ms(p95(w.web))}) | ${(median(w.web) / median(node.ours)).toFixed(1)}× |`);
  }
  lines.push('');
  lines.push('| browser bundle (minified) | size |');
  lines.push('|---|---:|');
  lines.push(`| web client \`dist/web/client.js\` | ${kb(r.web.sizes.webClient)} |`);
  lines.push(`| web worker server \`dist/web/server.js\` | ${kb(r.web.sizes.webServer)} |`);
  lines.push('');
  return lines;
}
