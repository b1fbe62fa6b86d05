// `node bench/preview.mjs` (after `npm run build`): what the open preview costs while a writer types in
// a 200 KB memo, before and after issue 12's changes (a delay that grows with the memo's size, one render
// request at a time, and a webview that replaces only the blocks that changed). Writes bench/PREVIEW.md.
// Typing-latency proxy: time spent rendering per keystroke = renders per keystroke × (server render +
// webview update). Numbers are measured here, never asserted in tests.
/* global window, document, MessageEvent -- the page.evaluate callbacks run in the browser */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);
const require = createRequire(import.meta.url);
const { parseMemo } = require(path.join(ROOT, 'out/server/src/engine'));
const { renderMemo } = require(path.join(ROOT, 'out/server/src/preview'));
const { previewDelay, PREVIEW_DELAY_MS } = require(path.join(ROOT, 'out/server/src/preview/webview'));
const { memoOfSize } = require(path.join(ROOT, 'out/test/support/generated-memos.js'));
const { launchChromium, serveWebviewShell, WEBVIEW_ORIGIN: ORIGIN } = require(path.join(ROOT, 'out/test/support/browser.js'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
const loadBefore = load();

const SIZE = 200_000;
const text = memoOfSize('markdown', SIZE);
/** The writer types `KEYS` characters at the end of the body, one every `INTERVAL_MS`, then pauses. */
const KEYS = 40;
const INTERVAL_MS = 150;
const typed = (n) => text.replace(/\n$/, '') + ' ' + 'x'.repeat(n) + '\n';

// ---------- server side: one render of the preview ----------
/** Median times of a render without and with source lines, measured in turns so that neither gets the warmer JIT. */
function timeRenders(runs = 21) {
  const configs = [{}, { sourceLines: true }];
  for (let i = 0; i < 5; i++) for (const options of configs) renderMemo(parseMemo(typed(i), 'markdown'), options);
  const times = configs.map(() => []);
  for (let i = 0; i < runs; i++) {
    const memo = parseMemo(typed(i), 'markdown');
    configs.forEach((options, c) => {
      const start = performance.now();
      renderMemo(memo, options);
      times[c].push(performance.now() - start);
    });
  }
  return times.map(median);
}
const [renderBefore, renderAfter] = timeRenders();

// ---------- how many renders a burst of typing causes ----------
/**
 * Simulates the client's scheduling: a timer of `delay` restarted by every keystroke, and (after) one
 * request at a time, a request finishing `cost` ms after it starts. Returns the number of renders.
 */
function rendersFor(delay, cost, oneAtATime, interval = INTERVAL_MS) {
  const keys = Array.from({ length: KEYS }, (_, i) => i * interval);
  let renders = 0;
  let busyUntil = -1;
  let pending = false;
  let due = Infinity;
  const end = keys[keys.length - 1] + 10_000;
  let k = 0;
  for (let t = 0; t <= end; t++) {
    if (k < keys.length && keys[k] === t) {
      due = t + delay;
      k++;
    }
    if (t >= due) {
      due = Infinity;
      if (oneAtATime && t < busyUntil) pending = true;
      else {
        renders++;
        busyUntil = t + cost;
      }
    }
    if (pending && t >= busyUntil) {
      pending = false;
      due = t + delay;
    }
  }
  return renders;
}

// ---------- webview side: showing a new rendering in Chromium ----------
async function timeWebview() {
  const browser = await launchChromium({ width: 1200, height: 900 });
  try {
    const page = await browser.context.newPage();
    await page.addInitScript('window.acquireVsCodeApi = () => ({ postMessage() {}, getState() {}, setState() {} });');
    await serveWebviewShell(page, 'bench-nonce');
    await page.goto(`${ORIGIN}/`);
    const html = (n) => renderMemo(parseMemo(typed(n), 'markdown'), { sourceLines: true }).html;
    const message = (n) => ({ type: 'update', html: html(n), langs: ['en'], stale: false, colors: 'paper', source: 'file:///bench.memo.md' });
    // Each measure: the message handled (synchronously, as the webview's message event is) and the page laid out again.
    const whole = [];
    const patched = [];
    await page.evaluate((m) => window.dispatchEvent(new MessageEvent('message', { data: m })), message(0));
    for (let i = 1; i <= 12; i++) {
      const m = message(i);
      whole.push(
        await page.evaluate((h) => {
          const start = performance.now();
          document.getElementById('memo').innerHTML = h;
          void document.body.offsetHeight;
          return performance.now() - start;
        }, m.html),
      );
      const next = message(i + 100);
      patched.push(
        await page.evaluate((data) => {
          const start = performance.now();
          window.dispatchEvent(new MessageEvent('message', { data }));
          void document.body.offsetHeight;
          return performance.now() - start;
        }, next),
      );
    }
    return { whole: median(whole.slice(2)), patched: median(patched.slice(2)) };
  } finally {
    await browser.close();
  }
}
const webview = await timeWebview();

const delayAfter = previewDelay(text.length);
const before = { renders: rendersFor(PREVIEW_DELAY_MS, renderBefore, false), cost: renderBefore + webview.whole };
const after = { renders: rendersFor(delayAfter, renderAfter, true), cost: renderAfter + webview.patched };
const perKey = (r) => (r.renders * r.cost) / KEYS;
// A slow typist, one key every 400 ms (longer than the delay): every keystroke renders, each costs less.
const SLOW_MS = 400;
const slowBefore = { renders: rendersFor(PREVIEW_DELAY_MS, renderBefore, false, SLOW_MS), cost: before.cost };
const slowAfter = { renders: rendersFor(delayAfter, renderAfter, true, SLOW_MS), cost: after.cost };

const lines = [
  '# Preview while typing in a 200 KB memo',
  '',
  `\`node bench/preview.mjs\` on ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, load ${loadBefore} before / ${load()} after (a shared machine: read ratios).`,
  `Memo: \`memoOfSize('markdown', ${SIZE})\` (${Math.round(text.length / 1024)} KB). Typing: ${KEYS} characters, one every ${INTERVAL_MS} ms, then a pause.`,
  '',
  '| | before | after |',
  '|---|---|---|',
  `| delay after the last keystroke | ${PREVIEW_DELAY_MS} ms | ${delayAfter} ms (\`previewDelay\`) |`,
  `| server: one preview render (median) | ${ms(renderBefore)} ms | ${ms(renderAfter)} ms (with source lines) |`,
  `| webview: show the new rendering and lay out (median) | ${ms(webview.whole)} ms (innerHTML) | ${ms(webview.patched)} ms (changed blocks only) |`,
  `| renders for the ${KEYS} keystrokes | ${before.renders} | ${after.renders} |`,
  `| **time spent rendering per keystroke** | **${ms(perKey(before))} ms** | **${ms(perKey(after))} ms** |`,
  `| the same, typing one key every ${SLOW_MS} ms (${slowBefore.renders} / ${slowAfter.renders} renders) | ${ms(perKey(slowBefore))} ms | ${ms(perKey(slowAfter))} ms |`,
  '',
  'The check the Problems panel needs runs either way and is not counted; the preview request reuses it.',
  '',
];
writeFileSync(path.join(BENCH, 'PREVIEW.md'), lines.join('\n'));
console.log(lines.join('\n'));
