import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { parseMemo } from '../../server/src/engine';
import { exportMemo, renderMemo } from '../../server/src/preview';
import { launchChromium, serveWebviewShell, testOutput, WEBVIEW_ORIGIN as ORIGIN } from '../support/browser';
import { hostileMemo, PAYLOADS } from '../support/hostile';


/** Records, from before any page script, what a successful attack would leave behind. */
const WATCH = `
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  window.__posted = [];
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => {} });
`;

interface Watch {
  dialogs: string[];
  requests: string[];
}

function watch(page: Page, allowed: (url: string) => boolean): Watch {
  const seen: Watch = { dialogs: [], requests: [] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (!allowed(request.url())) seen.requests.push(request.url());
  });
  return seen;
}

/** What must hold on any page showing a hostile memo: nothing ran, nothing loaded, no active markup. */
async function assertInert(page: Page, seen: Watch, expected: { scripts: number; styles: number; links: number }, shown: string[]): Promise<void> {
  const state = await page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    const w = window as unknown as { __pwned?: unknown; __violations: string[] };
    return {
      pwned: w.__pwned,
      violations: w.__violations,
      handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`)),
      active: all.filter((e) => /^(iframe|object|embed|svg|math|form|input|base|frame|frameset)$/i.test(e.tagName)).map((e) => e.tagName),
      refresh: document.querySelectorAll('meta[http-equiv="refresh" i]').length,
      scripts: document.querySelectorAll('script').length,
      styles: document.querySelectorAll('style').length,
      links: document.querySelectorAll('link').length,
      // As written: a resolved href hides a protocol-relative link behind the page's own scheme.
      hrefs: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? ''),
      images: [...document.querySelectorAll('img')].map((i) => i.getAttribute('src')),
      text: document.body.innerText,
    };
  });
  assert.equal(state.pwned, undefined, 'no hostile script ran');
  assert.deepEqual(seen.dialogs, [], 'no dialog opened');
  assert.deepEqual(seen.requests, [], 'nothing loaded from elsewhere');
  assert.deepEqual(state.violations, [], 'nothing even tried to break the CSP');
  assert.deepEqual(state.handlers, [], 'no event handler attributes');
  assert.deepEqual(state.active, [], 'no active elements');
  assert.equal(state.refresh, 0);
  assert.deepEqual([state.scripts, state.styles, state.links], [expected.scripts, expected.styles, expected.links], 'only our own script and styles');
  for (const href of state.hrefs) assert.match(href, /^(https?:|mailto:|#)/i, href);
  assert.ok(state.hrefs.some((h) => h.startsWith('https://ok.example')), 'safe links still work');
  assert.deepEqual(state.images, [], 'no image from a hostile path');
  for (const text of shown) assert.ok(state.text.includes(text), `shown as text: ${text}`);
}

/** Payload text as the page shows it: markup escaped, lone surrogates as U+FFFD. */
function visible(payload: string): string {
  return payload.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

describe('hostile memos in headless Chromium', function () {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  for (const bilingual of [false, true]) {
    const memos = PAYLOADS.map((payload) => ({ payload, text: hostileMemo(payload, bilingual) }));
    const name = bilingual ? 'two-language' : 'French';

    it(`exports ${name} hostile memos as inert, escaped text`, async () => {
      for (const [n, { payload, text }] of memos.entries()) {
        const file = testOutput(`hostile-${bilingual ? 'en-fr' : 'fr'}-${n}.html`);
        writeFileSync(file, exportMemo(text, 'markdown').html);
        const page = await browser.context.newPage();
        await page.addInitScript(WATCH);
        const seen = watch(page, (url) => url === pathToFileURL(file).href);
        await page.goto(pathToFileURL(file).href);
        await assertInert(page, seen, { scripts: 0, styles: 1, links: 0 }, [visible(payload)]);
        await page.close();
      }
    });

    it(`shows ${name} hostile memos in the preview webview page, under its CSP, as inert, escaped text`, async () => {
      const page = await browser.context.newPage();
      await page.addInitScript(WATCH);
      // The webview's origin, served from memory: the shell and the media folder, nothing else.
      await serveWebviewShell(page, 'test-nonce-0123456789');
      const seen = watch(page, (url) => url.startsWith(`${ORIGIN}/`));
      await page.goto(`${ORIGIN}/`);
      // The nonce script runs (it says it is ready); everything else is the memo.
      await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
      for (const { payload, text } of memos) {
        const rendered = renderMemo(parseMemo(text, 'markdown'));
        await page.evaluate((html) => {
          document.getElementById('memo')?.replaceChildren();
          window.postMessage({ type: 'update', html, langs: ['en', 'fr'], stale: false, colors: 'paper' }, '*');
        }, rendered.html);
        await page.locator('#memo .memo-page').first().waitFor();
        await assertInert(page, seen, { scripts: 1, styles: 0, links: 2 }, [visible(payload)]);
      }
      // Clicking every link asks the extension to open only http(s)/mailto targets; the page never navigates.
      const before = page.url();
      for (const link of await page.locator('#memo a').all()) await link.click();
      assert.equal(page.url(), before);
      const posted = await page.evaluate(() => (window as unknown as { __posted: { type: string; href?: string }[] }).__posted);
      const opened = posted.filter((m) => m.type === 'openLink').map((m) => m.href ?? '');
      assert.ok(opened.length > 0);
      for (const href of opened) assert.match(href, /^(https?:|mailto:)/);
      await page.screenshot({ path: testOutput(`hostile-webview-${bilingual ? 'en-fr' : 'fr'}.png`) });
      await page.close();
    });
  }
});
