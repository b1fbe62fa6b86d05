// `npm run bench`: measures Policy Memo against its peer (yaml-language-server) and the floor (yaml
// parse + compiled ajv validation), prints every figure and writes bench/RESULTS.md. Numbers are
// measured here, never asserted in tests. Run after `npm run build` (the npm script does it).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { typeOrDelete } from './edits.mjs';
import { hostileReport, runHostile } from './hostile.mjs';
import { runWeb, webReport } from './web.mjs';
import { runWorkspace, workspaceReport } from './workspace.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);
const GENERATED = path.join(BENCH, '.generated');
const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');

// The peer is the bench's own dependency (bench/package.json and its lock), never the project's.
const PEER = path.join(BENCH, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
if (!existsSync(PEER)) {
  console.log('Installing the peer (bench/package.json)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: BENCH, stdio: 'inherit' });
}
const PEER_VERSION = JSON.parse(readFileSync(path.join(BENCH, 'node_modules', 'yaml-language-server', 'package.json'), 'utf8')).version;

const { checkMemo } = require(path.join(ROOT, 'out/server/src/engine'));
const { exportDocx, exportMemo } = require(path.join(ROOT, 'out/server/src/preview'));
const { memoOfSize, corpusMemo } = require(path.join(ROOT, 'out/test/support/generated-memos.js'));
const { LspClient } = require(path.join(ROOT, 'out/test/support/lsp.js'));
const { CHROMIUM, CHROMIUM_ARGS } = require(path.join(ROOT, 'out/test/support/chromium.js'));
const YAML = require('yaml');
const Ajv = require('ajv').default;
const addFormats = require('ajv-formats').default;

const SCHEMA_FILE = path.join(ROOT, 'schemas', 'memo.schema.json');
const SCHEMA_URI = pathToFileURL(SCHEMA_FILE).toString();

// ---------- statistics ----------
const median = (xs) => quantile(xs, 0.5);
const p95 = (xs) => quantile(xs, 0.95);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const ms = (x) => (x === undefined ? 'n/a' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;

// ---------- documents ----------
const SIZES = [
  ['2 KB', 2_000],
  ['20 KB', 20_000],
  ['200 KB', 200_000],
  ['1 MB', 1_000_000],
];
const runsFor = (bytes) => (quick ? 5 : bytes <= 20_000 ? 40 : bytes <= 200_000 ? 20 : 10);
const MODELINE = `# yaml-language-server: $schema=${SCHEMA_URI}\n`;
const docs = [];
for (const [label, bytes] of SIZES) {
  docs.push({ label, bytes, kind: 'markdown', ext: 'memo.md', text: memoOfSize('markdown', bytes) });
  // The peer reads the schema from the modeline; the comment costs us nothing.
  docs.push({ label, bytes, kind: 'yaml', ext: 'memo.yaml', text: MODELINE + memoOfSize('yaml', bytes) });
}

// ---------- the floor: yaml parse + compiled ajv validation, in one process ----------
const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
addFormats(ajv, ['date', 'email']);
ajv.addVocabulary(['x-description-fr']);
const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
function floor(doc) {
  const yaml = doc.kind === 'yaml' ? doc.text : doc.text.slice(4, doc.text.indexOf('\n---\n', 4) + 1);
  validate(YAML.parse(yaml));
}
function timeInProcess(fn, runs) {
  for (let i = 0; i < 3; i++) fn(); // warm up the JIT, as a running server is
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times;
}
async function timeAsync(fn, runs) {
  for (let i = 0; i < 3; i++) await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}

// ---------- edit to diagnostics, over stdio ----------
/** Where an edit goes: the start of the last body line (after the block scalar's indentation in YAML). */
function editPosition(text) {
  const lines = text.split('\n');
  return { line: lines.length - 2, character: 2 };
}

async function startOurs() {
  const client = new LspClient();
  await client.initialize();
  return client;
}

/** Ours as VS Code drives it: the client pulls the diagnostics (LSP 3.17). */
async function startOursPulling() {
  const client = new LspClient();
  client.connection.onRequest('workspace/diagnostic/refresh', () => null);
  await client.initialize({ capabilities: { workspace: { configuration: true, diagnostics: { refreshSupport: true } }, textDocument: { diagnostic: {} } } });
  return client;
}

async function startPeer() {
  const client = new LspClient(['--stdio'], PEER);
  client.settings = {
    yaml: { validate: true, hover: false, completion: false, format: { enable: false }, schemaStore: { enable: false }, maxItemsComputed: 5000 },
    '[yaml]': {},
    editor: {},
    http: {},
    files: {},
  };
  await client.initialize({ capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: {} } } });
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: client.settings });
  return client;
}

function peakRssKb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
  } catch {
    return undefined;
  }
}

/** Opens `doc`, then times `runs` edits from didChange to the publishDiagnostics that follows it. */
async function editToDiagnostics(client, doc, runs, name, byVersion) {
  const uri = pathToFileURL(path.join(GENERATED, `${name}-${doc.label.replace(' ', '')}.${doc.ext}`)).toString();
  const languageId = doc.kind === 'yaml' ? 'yaml' : 'markdown';
  const first = client.diagnostics(uri, () => true, 120_000);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: doc.text } });
  await first;
  const at = editPosition(doc.text);
  const times = [];
  let version = 1;
  for (let i = 0; i < runs + 2; i++) {
    version++;
    // Type a letter, then delete it: the memo stays the same size and its diagnostics the same.
    const change = typeOrDelete(at, i);
    const v = version;
    const published = client.diagnostics(uri, byVersion ? (p) => p.version === v : () => true, 120_000);
    const start = performance.now();
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    await published;
    if (i >= 2) times.push(performance.now() - start); // the first two are the warm-up
  }
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return times;
}

/** Opens `doc`, then times `runs` edits from didChange to the answer of the `textDocument/diagnostic` request sent after it, as VS Code sends one. */
async function editToPulledDiagnostics(client, doc, runs) {
  const uri = pathToFileURL(path.join(GENERATED, `pulled-${doc.label.replace(' ', '')}.${doc.ext}`)).toString();
  const languageId = doc.kind === 'yaml' ? 'yaml' : 'markdown';
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: doc.text } });
  let resultId = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })).resultId;
  const at = editPosition(doc.text);
  const times = [];
  for (let i = 0, version = 1; i < runs + 2; i++) {
    version++;
    const change = typeOrDelete(at, i);
    const start = performance.now();
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const report = await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: resultId });
    if (report.kind !== 'full') throw new Error(`edit ${version} of ${uri} was answered ${report.kind}, not with its diagnostics`);
    resultId = report.resultId;
    if (i >= 2) times.push(performance.now() - start);
  }
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return times;
}

// ---------- run ----------
mkdirSync(GENERATED, { recursive: true });
const results = { edits: [], cli: {}, cold: {}, sizes: {}, memory: {}, export: {}, tabs: {}, web: {} };
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
const loadBefore = load();

console.log(`Policy Memo benchmarks${quick ? ' (quick)' : ''} — peer yaml-language-server ${PEER_VERSION}`);
const ours = await startOurs();
const oursPulling = await startOursPulling();
const peer = await startPeer();
for (const doc of docs) {
  const runs = runsFor(doc.bytes);
  const row = { label: doc.label, ext: doc.ext, chars: doc.text.length };
  row.ours = await editToDiagnostics(ours, doc, runs, 'ours', true);
  row.pulled = await editToPulledDiagnostics(oursPulling, doc, runs);
  if (doc.kind === 'yaml') row.peer = await editToDiagnostics(peer, doc, runs, 'peer', false);
  row.engine = timeInProcess(() => checkMemo(doc.text, doc.kind), Math.max(runs, 10));
  row.floor = timeInProcess(() => floor(doc), Math.max(runs, 10));
  results.edits.push(row);
  console.log(
    `${doc.label.padEnd(6)} ${doc.ext.padEnd(9)} edit→diagnostics ours ${ms(median(row.ours))} ms (p95 ${ms(p95(row.ours))}), pulled ${ms(median(row.pulled))} ms` +
      (row.peer ? `, peer ${ms(median(row.peer))} ms (p95 ${ms(p95(row.peer))})` : ', peer n/a') +
      ` · engine check ${ms(median(row.engine))} ms, floor ${ms(median(row.floor))} ms`,
  );
}
// The web build's server on the same memos, in a web worker (bench/web.mjs).
results.web.edits = await runWeb({ root: ROOT, docs, runsFor, editPosition, chromium: CHROMIUM, chromiumArgs: CHROMIUM_ARGS });
for (const w of results.web.edits) {
  const node = results.edits.find((e) => e.label === w.label && e.ext === w.ext);
  console.log(`${w.label.padEnd(6)} ${w.ext.padEnd(9)} edit→diagnostics web worker ${ms(median(w.web))} ms (p95 ${ms(p95(w.web))}), Node server ${ms(median(node.ours))} ms`);
}
results.memory.oursServer = peakRssKb(ours.process.pid);
results.memory.peerServer = peakRssKb(peer.process.pid);
await ours.stop();
await oursPulling.stop();
await peer.stop();

// Export times of the reference memo, in one process: its check alone, then checked and written as HTML and as .docx.
{
  const reference = readFileSync(path.join(ROOT, 'test/fixtures/reference/reference.memo.md'), 'utf8');
  const runs = quick ? 10 : 40;
  results.export.check = timeInProcess(() => checkMemo(reference, 'markdown'), runs);
  results.export.html = timeInProcess(() => exportMemo(reference, 'markdown'), runs);
  results.export.docx = await timeAsync(() => exportDocx(reference, 'markdown'), runs);
  const e = results.export;
  console.log(`reference memo: check ${ms(median(e.check))} ms, export to HTML ${ms(median(e.html))} ms, to .docx ${ms(median(e.docx))} ms (p95 ${ms(p95(e.docx))})`);
}

// Tab-indented YAML (the parser raises an error per line) next to the same lines indented with spaces, in one process.
{
  const yaml = (indent) => `lang: en\nx:\n${Array.from({ length: 5000 }, (_, i) => `${indent}k${i}: v`).join('\n')}\n`;
  const runs = quick ? 10 : 40;
  results.tabs = { tabs: timeInProcess(() => checkMemo(yaml('\t'), 'yaml'), runs), spaces: timeInProcess(() => checkMemo(yaml('  '), 'yaml'), runs) };
  console.log(`5,000 tab-indented lines: engine check ${ms(median(results.tabs.tabs))} ms; indented with spaces ${ms(median(results.tabs.spaces))} ms`);
}

// Peak memory of the engine alone on the 1 MB memo, in a fresh process.
{
  const script = `const { checkMemo } = require(${JSON.stringify(path.join(ROOT, 'out/server/src/engine'))});
const { memoOfSize } = require(${JSON.stringify(path.join(ROOT, 'out/test/support/generated-memos.js'))});
const base = process.resourceUsage().maxRSS;
checkMemo(memoOfSize(process.argv[1], 1000000), process.argv[1]);
console.log(JSON.stringify({ base, peak: process.resourceUsage().maxRSS }));`;
  for (const kind of ['markdown', 'yaml']) {
    results.memory[kind] = JSON.parse(execFileSync(process.execPath, ['-e', script, kind], { encoding: 'utf8' }));
  }
  console.log(`peak RSS, engine on the 1 MB memo: .memo.md ${results.memory.markdown.peak} KB, .memo.yaml ${results.memory.yaml.peak} KB (node itself: ${results.memory.markdown.base} KB)`);
  console.log(`peak RSS after the edit runs up to 1 MB: our server ${results.memory.oursServer} KB, peer ${results.memory.peerServer} KB`);
}

// CLI throughput on 2,000 generated memos, valid and broken mixed.
{
  const corpus = path.join(GENERATED, 'corpus');
  rmSync(corpus, { recursive: true, force: true });
  mkdirSync(corpus, { recursive: true });
  for (let i = 0; i < 2000; i++) {
    const kind = i % 4 === 3 ? 'yaml' : 'markdown';
    writeFileSync(path.join(corpus, `m${String(i).padStart(4, '0')}.memo.${kind === 'yaml' ? 'yaml' : 'md'}`), corpusMemo(kind, i));
  }
  const timeCli = (options) => {
    const times = [];
    for (let i = 0; i < (quick ? 2 : 5); i++) {
      const start = performance.now();
      spawnSync(process.execPath, [path.join(ROOT, 'bin/policy-memo.js'), 'lint', corpus, '--format', 'json', ...options], { stdio: 'ignore' });
      times.push(performance.now() - start);
    }
    return times;
  };
  // As the CLI chooses for this machine (one thread under 3 cores), then each way forced.
  results.cli.default = timeCli([]);
  results.cli.workers = timeCli(['--jobs', String(Math.max(2, os.availableParallelism()))]);
  results.cli.oneThread = timeCli(['--jobs', '1']);
  const rate = (times) => Math.round(2000 / (median(times) / 1000));
  console.log(
    `CLI, 2,000 memos: ${rate(results.cli.default)} memos/s as it chooses (${os.availableParallelism()} cores), ` +
      `${rate(results.cli.workers)} memos/s with worker threads, ${rate(results.cli.oneThread)} memos/s on one thread`,
  );
}

// Cold starts.
{
  const one = path.join(GENERATED, 'one.memo.md');
  writeFileSync(one, memoOfSize('markdown', 2000));
  const lint = [];
  for (let i = 0; i < (quick ? 3 : 10); i++) {
    const start = performance.now();
    spawnSync(process.execPath, [path.join(ROOT, 'bin/policy-memo.js'), 'lint', one], { stdio: 'ignore' });
    lint.push(performance.now() - start);
  }
  results.cold.lint = lint;
  const firstDiagnostics = async (start, doc, ext, languageId) => {
    const times = [];
    for (let i = 0; i < (quick ? 2 : 5); i++) {
      const t0 = performance.now();
      const client = await start();
      const uri = pathToFileURL(path.join(GENERATED, `cold-${i}.${ext}`)).toString();
      const published = client.diagnostics(uri, () => true, 60_000);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: doc } });
      await published;
      times.push(performance.now() - t0);
      await client.stop();
    }
    return times;
  };
  results.cold.server = await firstDiagnostics(startOurs, memoOfSize('markdown', 2000), 'memo.md', 'markdown');
  results.cold.serverYaml = await firstDiagnostics(startOurs, MODELINE + memoOfSize('yaml', 2000), 'memo.yaml', 'yaml');
  results.cold.peer = await firstDiagnostics(startPeer, MODELINE + memoOfSize('yaml', 2000), 'memo.yaml', 'yaml');
  console.log(
    `cold start: lint one file ${ms(median(lint))} ms (p95 ${ms(p95(lint))}); server start to first diagnostics ${ms(median(results.cold.server))} ms (.memo.md), ` +
      `${ms(median(results.cold.serverYaml))} ms (.memo.yaml), peer ${ms(median(results.cold.peer))} ms`,
  );
}

// The hostile corpus of issue 10 (bench/hostile.mjs): every case bounded by a time and a memory limit.
results.hostile = await runHostile({ generated: GENERATED, quick });

// The workspace check of issue 15 (bench/workspace.mjs): 2,000 memos checked and shown.
results.workspace = await runWorkspace({ generated: GENERATED, quick });

// Sizes of the production bundles and of the .vsix (built as `npm run package` builds them).
{
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/bundle.mjs'), '--production'], { cwd: ROOT, stdio: 'inherit' });
  for (const name of ['client', 'server', 'cli']) results.sizes[name] = statSync(path.join(ROOT, 'dist', `${name}.js`)).size;
  results.web.sizes = { webClient: statSync(path.join(ROOT, 'dist', 'web', 'client.js')).size, webServer: statSync(path.join(ROOT, 'dist', 'web', 'server.js')).size };
  const vsix = path.join(GENERATED, 'policy-memo.vsix');
  const packaged = spawnSync(path.join(ROOT, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', vsix], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  results.sizes.vsix = packaged.status === 0 ? statSync(vsix).size : undefined;
  if (packaged.status !== 0) console.log(`vsce failed: ${packaged.stderr || packaged.stdout}`);
  // Back to the development bundles (with source maps) the tests and the debugger use.
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/bundle.mjs')], { cwd: ROOT, stdio: 'inherit' });
  console.log(
    `sizes (minified): client ${kb(results.sizes.client)}, server ${kb(results.sizes.server)}, cli ${kb(results.sizes.cli)}, .vsix ${results.sizes.vsix ? kb(results.sizes.vsix) : 'n/a'}; ` +
      `web client ${kb(results.web.sizes.webClient)}, web worker server ${kb(results.web.sizes.webServer)}`,
  );
}

writeFileSync(path.join(BENCH, 'RESULTS.md'), report(results));
console.log('Wrote bench/RESULTS.md');

// ---------- the report ----------
function report(r) {
  const mark = (ok) => (ok ? 'met' : '**missed**');
  const row = (label, ext) => r.edits.find((e) => e.label === label && e.ext === ext);
  const ratio = (a, b) => (a && b ? (b / a).toFixed(1) : 'n/a');
  const lines = [];
  lines.push('# Benchmark results', '');
  lines.push(`- Date: ${new Date().toISOString()}`);
  lines.push(`- Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`);
  lines.push(`- Load average (1, 5, 15 min) before / after: ${loadBefore} / ${load()} (the machine is shared: read ratios, not absolute times)`);
  lines.push(`- Node ${process.version}; peer: yaml-language-server ${PEER_VERSION} (bench/package.json)`);
  lines.push(`- Command: \`npm run bench\` (= \`npm run build && node bench/run.mjs${quick ? ' --quick' : ''}\`)`);
  lines.push('- Times in milliseconds: median (p95). Every figure is measured in one run, ours next to the peer and the floor.', '');

  lines.push('## Edit to diagnostics, over stdio', '');
  lines.push('From a `didChange` (one letter typed or deleted in the body) to the `publishDiagnostics` that follows it; *pulled* is the same edit with a client that pulls diagnostics, as VS Code does, timed to the answer of the `textDocument/diagnostic` request sent after the change. The peer validates the `.memo.yaml` with `schemas/memo.schema.json` through its `$schema` modeline; it cannot read a `.memo.md` front matter. *Engine* is our whole check in one process (parse, schema, every rule); *floor* is `yaml` parse plus the compiled ajv validation of the same YAML.', '');
  lines.push('| memo | chars | ours | ours, pulled | peer | peer ÷ ours | engine check | floor | engine ÷ floor |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const e of r.edits) {
    const peerCell = e.peer ? `${ms(median(e.peer))} (${ms(p95(e.peer))})` : 'n/a';
    lines.push(
      `| ${e.label} \`.${e.ext}\` | ${e.chars} | ${ms(median(e.ours))} (${ms(p95(e.ours))}) | ${ms(median(e.pulled))} (${ms(p95(e.pulled))}) | ${peerCell} | ${e.peer ? ratio(median(e.ours), median(e.peer)) + '×' : 'n/a'} | ` +
        `${ms(median(e.engine))} (${ms(p95(e.engine))}) | ${ms(median(e.floor))} (${ms(p95(e.floor))}) | ${(median(e.engine) / median(e.floor)).toFixed(1)}× |`,
    );
  }
  lines.push('');

  lines.push('## CLI, cold starts, sizes, memory', '');
  const rate = (times) => Math.round(2000 / (median(times) / 1000));
  lines.push('| figure | value |');
  lines.push('|---|---:|');
  lines.push(`| \`policy-memo lint\` on 2,000 generated memos (half broken), as it chooses for ${os.availableParallelism()} cores | ${rate(r.cli.default)} memos/s (${ms(median(r.cli.default))} ms) |`);
  lines.push(`| the same with worker threads (\`--jobs ${Math.max(2, os.availableParallelism())}\`) | ${rate(r.cli.workers)} memos/s (${ms(median(r.cli.workers))} ms) |`);
  lines.push(`| the same on one thread (\`--jobs 1\`) | ${rate(r.cli.oneThread)} memos/s (${ms(median(r.cli.oneThread))} ms) |`);
  lines.push(`| reference memo: check / export to HTML / export to .docx (in one process, check included) | ${ms(median(r.export.check))} (${ms(p95(r.export.check))}) / ${ms(median(r.export.html))} (${ms(p95(r.export.html))}) / ${ms(median(r.export.docx))} (${ms(p95(r.export.docx))}) |`);
  lines.push(`| engine check of 5,000 tab-indented lines / the same indented with spaces (\`.memo.yaml\`, in one process) | ${ms(median(r.tabs.tabs))} (${ms(p95(r.tabs.tabs))}) / ${ms(median(r.tabs.spaces))} (${ms(p95(r.tabs.spaces))}) |`);
  lines.push(`| cold start: \`policy-memo lint\` on one 2 KB memo | ${ms(median(r.cold.lint))} (${ms(p95(r.cold.lint))}) |`);
  lines.push(`| cold start: our server, spawn to first diagnostics (.memo.md / .memo.yaml) | ${ms(median(r.cold.server))} (${ms(p95(r.cold.server))}) / ${ms(median(r.cold.serverYaml))} (${ms(p95(r.cold.serverYaml))}) |`);
  lines.push(`| cold start: peer, spawn to first diagnostics (.memo.yaml) | ${ms(median(r.cold.peer))} (${ms(p95(r.cold.peer))}) |`);
  lines.push(`| client bundle \`dist/client.js\` (minified) | ${kb(r.sizes.client)} |`);
  lines.push(`| server bundle \`dist/server.js\` (minified) | ${kb(r.sizes.server)} |`);
  lines.push(`| CLI bundle \`dist/cli.js\` (minified) | ${kb(r.sizes.cli)} |`);
  lines.push(`| \`.vsix\` | ${r.sizes.vsix ? kb(r.sizes.vsix) : 'n/a (vsce failed)'} |`);
  lines.push(`| peak RSS, engine checking the 1 MB memo in a fresh process (.memo.md / .memo.yaml; node alone ${r.memory.markdown.base} KB) | ${r.memory.markdown.peak} KB / ${r.memory.yaml.peak} KB |`);
  lines.push(`| peak RSS of the server after all edit runs (up to 1 MB): ours / peer | ${r.memory.oursServer ?? 'n/a'} KB / ${r.memory.peerServer ?? 'n/a'} KB |`);
  lines.push('');

  lines.push(...webReport(r, { ms, median, p95, kb }));

  lines.push(...hostileReport(r.hostile));
  lines.push(...workspaceReport(r.workspace));

  lines.push('## Targets', '');
  const y = (label) => row(label, 'memo.yaml');
  const targets = [
    ['edit→diagnostics p95 ≤ 30 ms at 20 KB (both kinds)', Math.max(p95(row('20 KB', 'memo.md').ours), p95(y('20 KB').ours)) <= 30, `${ms(p95(row('20 KB', 'memo.md').ours))} / ${ms(p95(y('20 KB').ours))} ms`],
    ['edit→diagnostics p95 ≤ 250 ms at 1 MB (both kinds)', Math.max(p95(row('1 MB', 'memo.md').ours), p95(y('1 MB').ours)) <= 250, `${ms(p95(row('1 MB', 'memo.md').ours))} / ${ms(p95(y('1 MB').ours))} ms`],
    ...['2 KB', '20 KB'].map((l) => [`median ≥ 5× faster than the peer at ${l}`, median(y(l).peer) / median(y(l).ours) >= 5, `${ratio(median(y(l).ours), median(y(l).peer))}×`]),
    ['median ≥ 2× faster than the peer at 1 MB', median(y('1 MB').peer) / median(y('1 MB').ours) >= 2, `${ratio(median(y('1 MB').ours), median(y('1 MB').peer))}×`],
    ['engine check within 3× of the floor (every size and kind)', r.edits.every((e) => median(e.engine) <= 3 * median(e.floor)), `worst ${Math.max(...r.edits.map((e) => median(e.engine) / median(e.floor))).toFixed(1)}×`],
    ['CLI ≥ 1,000 memos/s on 2 cores', rate(r.cli.default) >= 1000, `${rate(r.cli.default)} memos/s`],
    ['CLI cold start ≤ 300 ms', median(r.cold.lint) <= 300, `${ms(median(r.cold.lint))} ms`],
    ['client bundle ≤ 200 KB', r.sizes.client <= 200 * 1024, kb(r.sizes.client)],
    ['server bundle ≤ 1.5 MB', r.sizes.server <= 1.5 * 1024 * 1024, kb(r.sizes.server)],
  ];
  lines.push('| target | measured | |');
  lines.push('|---|---:|---|');
  for (const [name, ok, value] of targets) lines.push(`| ${name} | ${value} | ${mark(ok)} |`);
  lines.push('');
  lines.push(readFileSync(path.join(BENCH, 'NOTES.md'), 'utf8').trim(), '');
  return lines.join('\n');
}
