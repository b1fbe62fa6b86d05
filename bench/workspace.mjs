// The workspace check of issue 15: a folder of generated memos (never committed), checked by our
// language server over stdio with policyMemo/checkWorkspace, timed from the request to the last
// publishDiagnostics, with the server's peak memory. The target: 2,000 memos checked and shown in
// under 5 s. `node bench/workspace.mjs [--quick]` runs only this part (after `npm run build`).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);
const require = createRequire(import.meta.url);

const peakRssMb = (pid) => {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
  } catch {
    return undefined;
  }
};

/** Writes `count` memos (one in ten with a wrong date, so diagnostics have something to say) into `dir`. */
function writeWorkspace(dir, count) {
  const { memoText } = require(path.join(ROOT, 'out/test/support/generated-memos.js'));
  rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < count; i++) {
    const folder = path.join(dir, `unit-${Math.floor(i / 100)}`);
    mkdirSync(folder, { recursive: true });
    const text = memoText(i % 3 === 0 ? 'yaml' : 'markdown', { recipients: 1 + (i % 4), paragraphs: 3 + (i % 5) });
    const memo = i % 10 === 0 ? text.replace(/date: \d{4}-\d{2}-\d{2}/, 'date: 02/10/2026') : text;
    writeFileSync(path.join(folder, `memo-${i}.memo.${i % 3 === 0 ? 'yaml' : 'md'}`), memo);
  }
}

export async function runWorkspace({ generated, quick = false, log = console.log } = {}) {
  const { LspClient } = require(path.join(ROOT, 'out/test/support/lsp.js'));
  const count = quick ? 500 : 2000;
  const dir = path.join(generated, 'workspace');
  writeWorkspace(dir, count);
  const client = new LspClient();
  const uri = pathToFileURL(dir).toString();
  await client.initialize({ workspaceFolders: [{ uri, name: 'bench' }], rootUri: uri, capabilities: { workspace: { configuration: true } } });
  const runs = [];
  for (const label of ['first check', 'again, nothing changed']) {
    const before = client.published.length;
    const started = performance.now();
    const result = await client.connection.sendRequest('policyMemo/checkWorkspace', { exclude: [] });
    const ms = performance.now() - started;
    runs.push({ label, ms, files: result.files, problems: result.problems, sent: client.published.length - before });
    log(`workspace check (${label}): ${result.files} memos in ${ms.toFixed(0)} ms, ${client.published.length - before} sent`);
  }
  const peakMb = peakRssMb(client.process.pid);
  await client.stop();
  const pulled = await pullRuns(uri, log);
  rmSync(dir, { recursive: true, force: true });
  return { count, runs, peakMb, pulled };
}

/**
 * The same with a client that pulls diagnostics, as VS Code does: the reports come as partial
 * results of the workspace request it keeps open; timed until every memo's report arrived.
 */
async function pullRuns(uri, log) {
  const { LspClient } = require(path.join(ROOT, 'out/test/support/lsp.js'));
  const { WorkspaceDiagnosticRequest } = require('vscode-languageserver-protocol');
  const client = new LspClient();
  client.connection.onRequest('workspace/diagnostic/refresh', () => null);
  await client.initialize({
    workspaceFolders: [{ uri, name: 'bench' }],
    rootUri: uri,
    capabilities: { textDocument: { diagnostic: {} }, workspace: { configuration: true, diagnostics: { refreshSupport: true } } },
  });
  let received = 0;
  let wanted = Infinity;
  let arrived = () => {};
  client.connection.onProgress(WorkspaceDiagnosticRequest.partialResult, 'bench', (partial) => {
    received += partial.items.length;
    if (received >= wanted) arrived();
  });
  // Open until the client stops (then rejected, as the connection closes).
  client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [], partialResultToken: 'bench' }).catch(() => undefined);
  const runs = [];
  for (const label of ['first check', 'again, nothing changed']) {
    const before = received;
    const started = performance.now();
    const result = await client.connection.sendRequest('policyMemo/checkWorkspace', { exclude: [] });
    if (label === 'first check') {
      wanted = before + result.files;
      if (received < wanted) await new Promise((resolve) => (arrived = resolve));
    } else {
      // A round trip after the answer: reports sent meanwhile would have arrived before it.
      await client.connection.sendRequest('policyMemo/memoSummary', { uri: `${uri}/none.memo.md` }).catch(() => undefined);
    }
    const ms = performance.now() - started;
    runs.push({ label, ms, files: result.files, sent: received - before });
    log(`workspace check, pulled (${label}): ${result.files} memos in ${ms.toFixed(0)} ms, ${received - before} reports sent`);
  }
  const peakMb = peakRssMb(client.process.pid);
  await client.stop();
  return { runs, peakMb };
}

export function workspaceReport(w) {
  const first = w.runs[0];
  const lines = ['## Workspace check', ''];
  lines.push(`${w.count} generated memos (a third .memo.yaml, one in ten with a wrong date) in one workspace folder, checked by`);
  lines.push('`policyMemo/checkWorkspace` over stdio; the time runs until the request answers, after every file\'s');
  lines.push('publishDiagnostics was sent. Then again with nothing changed (nothing is sent again).', '');
  lines.push('| run | memos | time | diagnostics sent |', '|---|---|---|---|');
  for (const r of w.runs) lines.push(`| ${r.label} | ${r.files} | ${r.ms.toFixed(0)} ms | ${r.sent} |`);
  lines.push('', `Server peak memory: ${w.peakMb?.toFixed(0) ?? 'n/a'} MB.`, '');
  lines.push('With a client that pulls diagnostics (as VS Code does), the reports stream on its open `workspace/diagnostic`');
  lines.push('request; the time runs until the last memo\'s report arrived.', '');
  lines.push('| run | memos | time | reports sent |', '|---|---|---|---|');
  for (const r of w.pulled.runs) lines.push(`| ${r.label} | ${r.files} | ${r.ms.toFixed(0)} ms | ${r.sent} |`);
  lines.push('', `Server peak memory: ${w.pulled.peakMb?.toFixed(0) ?? 'n/a'} MB.`);
  const slowest = Math.max(first.ms, w.pulled.runs[0].ms);
  lines.push(`Target: 2,000 memos in under 5 s (both ways): ${w.count < 2000 ? 'not measured (--quick)' : slowest < 5000 ? 'met' : '**missed**'}.`, '');
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const w = await runWorkspace({ generated: path.join(BENCH, '.generated'), quick: process.argv.includes('--quick') });
  console.log(workspaceReport(w).join('\n'));
}
