// The hostile corpus of issue 10 (test/support/hostile-corpus.ts, generated, never committed), checked
// by our language server over stdio: one fresh server per case, warmed up on an ordinary memo, timed
// from didOpen to the first publishDiagnostics. A case that takes longer than the time limit, or
// makes the server grow past the memory limit, is killed and reported as "> N s" / "> N MB", so the
// bench always finishes. `node bench/hostile.mjs` runs only this part (after `npm run build`).
import { execFileSync } from 'node:child_process';
import { mkdirSync, openSync, closeSync, ftruncateSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { typeOrDelete } from './edits.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);
const require = createRequire(import.meta.url);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

function status(pid, field) {
  try {
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  } catch {
    return undefined;
  }
}

/** Writes a case's folder: the memo and its workspace files (FIFOs, symlinks and big files made here). */
function writeCase(dir, c) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, c.file), c.text);
  for (const [name, file] of Object.entries(c.files ?? {})) {
    const target = path.join(dir, name);
    mkdirSync(path.dirname(target), { recursive: true });
    if ('text' in file) writeFileSync(target, file.text);
    else if ('fifo' in file) execFileSync('mkfifo', [target]);
    else if ('symlink' in file) symlinkSync(file.symlink, target);
    else {
      // A sparse file of that size, with a memo's front matter at its start.
      writeFileSync(target, '---\nlang: fr\ntranslation: ../x.memo.md\n---\n');
      const fd = openSync(target, 'r+');
      ftruncateSync(fd, file.bytes);
      closeSync(fd);
    }
  }
}

/**
 * Runs one case in a fresh server; resolves with { ms, findings, peakKb, killed, edits }. `edits`
 * (for the glossary cases) are edit→diagnostics times once the first check is done.
 */
async function runCase(LspClient, dir, c, { limitMs, memoryKb, warmText, edits }) {
  const folder = pathToFileURL(dir).toString();
  const client = new LspClient();
  await client.initialize({ rootUri: folder, workspaceFolders: [{ uri: folder, name: 'hostile' }] });
  const pid = client.process.pid;
  // Warm up (JIT, schema) on an ordinary memo outside the case's folder, as a running server is.
  const warm = pathToFileURL(path.join(path.dirname(dir), 'warm.memo.md')).toString();
  await client.open(warm, warmText);
  const uri = pathToFileURL(path.join(dir, c.file)).toString();
  const languageId = c.file.endsWith('.md') ? 'markdown' : 'yaml';
  let timer;
  let watchdog;
  const stopped = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ killed: `> ${limitMs / 1000} s` }), limitMs);
    watchdog = setInterval(() => {
      const rss = status(pid, 'VmRSS');
      if (rss !== undefined && rss > memoryKb) resolve({ killed: `> ${Math.round(memoryKb / 1024)} MB` });
    }, 20);
  });
  const start = performance.now();
  const published = client.diagnostics(uri, (p) => p.version === 1, limitMs + 500).then(
    (p) => ({ ms: performance.now() - start, findings: p.diagnostics.length }),
    () => ({ killed: `> ${limitMs / 1000} s` }),
  );
  void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: c.text } });
  const outcome = await Promise.race([published, stopped]);
  const result = { ...outcome, peakKb: status(pid, 'VmHWM') };
  if (!outcome.killed && edits > 0) {
    // Type a letter at the end of the first body line and delete it again, `edits` times.
    const lines = c.text.split('\n');
    const line = lines.findIndex((l, i) => i > 0 && l === '---') + 2;
    const at = { line, character: lines[line].length };
    result.edits = [];
    for (let i = 0; i < edits + 2; i++) {
      const change = typeOrDelete(at, i);
      const t0 = performance.now();
      const done = await Promise.race([client.change(uri, i + 2, [change]).then(() => true, () => false), stopped.then(() => false)]);
      if (!done) break;
      if (i >= 2) result.edits.push(performance.now() - t0);
    }
    result.peakKb = status(pid, 'VmHWM');
  }
  clearTimeout(timer);
  clearInterval(watchdog);
  if (outcome.killed) {
    client.process.kill('SIGKILL');
    client.connection.dispose();
  } else {
    await client.stop();
  }
  return result;
}

/** The glossary figure in one process: the engine alone, the glossary's config loaded once, median of `runs` checks. */
function engineGlossary(count, runs) {
  const { buildConfig, checkMemo } = require(path.join(ROOT, 'out/server/src/engine'));
  const { glossaryMemo, glossaryYaml } = require(path.join(ROOT, 'out/test/support/hostile-corpus.js'));
  // Warm up (modules, schemas, JIT) on a one-term glossary, so the figures are the glossary's own.
  const small = buildConfig({ glossary: { path: '/w/.policy-memo/glossary.yaml', text: glossaryYaml(1) } });
  for (let i = 0; i < 3; i++) checkMemo(glossaryMemo(), 'markdown', { config: small });
  let t0 = performance.now();
  const config = buildConfig({ glossary: { path: '/w/.policy-memo/glossary.yaml', text: glossaryYaml(count) } });
  const load = performance.now() - t0;
  t0 = performance.now();
  checkMemo(glossaryMemo(), 'markdown', { config });
  const first = performance.now() - t0;
  const times = [];
  for (let i = 0; i < runs; i++) {
    t0 = performance.now();
    checkMemo(glossaryMemo(), 'markdown', { config });
    times.push(performance.now() - t0);
  }
  return { load, first, median: median(times) };
}

/** Runs the whole corpus; returns what the report needs. */
export async function runHostile({ generated, quick = false, limitMs = quick ? 10_000 : 20_000, memoryKb = 1536 * 1024, log = console.log } = {}) {
  const { LspClient } = require(path.join(ROOT, 'out/test/support/lsp.js'));
  const { hostileCases } = require(path.join(ROOT, 'out/test/support/hostile-corpus.js'));
  const { memoText } = require(path.join(ROOT, 'out/test/support/generated-memos.js'));
  const base = path.join(generated, 'hostile');
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  const warmText = memoText('markdown', { recipients: 2, paragraphs: 3 });
  const rows = [];
  for (const [i, c] of hostileCases().entries()) {
    const dir = path.join(base, `case-${String(i).padStart(2, '0')}`);
    writeCase(dir, c);
    const edits = c.item === 9 ? (quick ? 6 : 20) : 0;
    const row = { name: c.name, item: c.item, chars: c.text.length, ...(await runCase(LspClient, dir, c, { limitMs, memoryKb, warmText, edits })) };
    rows.push(row);
    log(
      `hostile: ${c.name.padEnd(44)} ${row.killed ? `killed, ${row.killed}` : `${row.ms.toFixed(0)} ms, ${row.findings} findings`}` +
        `, server peak ${row.peakKb ? Math.round(row.peakKb / 1024) : 'n/a'} MB` +
        (row.edits?.length ? `, edit→diagnostics median ${median(row.edits).toFixed(1)} ms` : ''),
    );
    rmSync(dir, { recursive: true, force: true });
  }
  const glossary = { 2000: engineGlossary(2_000, quick ? 5 : 20), 10000: engineGlossary(10_000, quick ? 5 : 20) };
  for (const [count, g] of Object.entries(glossary)) {
    log(`hostile: engine alone, ${count}-term glossary: check median ${g.median.toFixed(1)} ms (first check ${g.first.toFixed(0)} ms, config load ${g.load.toFixed(0)} ms)`);
  }
  return { rows, glossary, limitMs, memoryKb };
}

/** The report's section (Markdown lines) for `runHostile`'s result. */
export function hostileReport(h) {
  const cell = (row) => (row.killed ? `**killed: ${row.killed}**` : `${row.ms.toFixed(0)}`);
  const mb = (kb) => (kb ? `${Math.round(kb / 1024)} MB` : 'n/a');
  const lines = [];
  lines.push('## Hostile corpus (issue 10), over stdio', '');
  lines.push(
    `Each memo of \`test/support/hostile-corpus.ts\` (generated by the bench, never committed) opened in a fresh server, warmed up on an ordinary memo: time from \`didOpen\` to its first \`publishDiagnostics\`, and the server's peak RSS (VmHWM). A case still running after ${h.limitMs / 1000} s, or past ${Math.round(h.memoryKb / 1024)} MB of RSS, is killed.`,
    '',
  );
  lines.push('| case | issue 10 item | chars | check (ms) | findings | server peak RSS |');
  lines.push('|---|---:|---:|---:|---:|---:|');
  for (const row of h.rows) lines.push(`| ${row.name} | ${row.item || '—'} | ${row.chars} | ${cell(row)} | ${row.killed ? 'n/a' : row.findings} | ${mb(row.peakKb)} |`);
  lines.push('');
  const finished = h.rows.filter((r) => !r.killed);
  const killed = h.rows.filter((r) => r.killed);
  const worst = killed.length > 0 ? `> ${h.limitMs / 1000} s (${killed.length} case${killed.length > 1 ? 's' : ''} killed)` : `${Math.max(...finished.map((r) => r.ms)).toFixed(0)} ms`;
  const peak = Math.max(...h.rows.map((r) => r.peakKb ?? 0));
  const g10 = h.rows.find((r) => r.item === 9 && /10,000/.test(r.name));
  const edit10 = g10?.edits?.length ? `${median(g10.edits).toFixed(1)} ms` : 'n/a';
  lines.push('| figure | value | target |');
  lines.push('|---|---:|---|');
  lines.push(`| worst check time over the corpus | ${worst} | under 1 s: ${killed.length === 0 && Math.max(...finished.map((r) => r.ms)) < 1000 ? 'met' : '**missed**'} |`);
  lines.push(`| server peak RSS over the corpus | ${killed.some((r) => /MB/.test(r.killed)) ? `> ${Math.round(h.memoryKb / 1024)} MB (killed)` : mb(peak)} | under 300 MB: ${peak <= 300 * 1024 && !killed.some((r) => /MB/.test(r.killed)) ? 'met' : '**missed**'} |`);
  for (const [count, g] of Object.entries(h.glossary)) {
    lines.push(`| ${Number(count).toLocaleString('en')}-term glossary, engine check of a typical two-language memo (median; first check ${g.first.toFixed(0)} ms, glossary load ${g.load.toFixed(0)} ms, both once per loaded config) | ${g.median.toFixed(1)} ms | ${count === '10000' ? `under 100 ms: ${g.median < 100 ? 'met' : '**missed**'}` : ''} |`);
  }
  lines.push(`| 10,000-term glossary, edit→diagnostics over stdio (median) | ${edit10} | under 100 ms: ${g10?.edits?.length && median(g10.edits) < 100 ? 'met' : '**missed**'} |`);
  lines.push('');
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const quick = process.argv.includes('--quick');
  const h = await runHostile({ generated: path.join(BENCH, '.generated'), quick });
  console.log(hostileReport(h).join('\n'));
}
