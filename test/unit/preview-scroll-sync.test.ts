import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { parseMemo } from '../../server/src/engine';
import { exportMemo, renderMemo } from '../../server/src/preview';
import { previewDelay, restoredPreview } from '../../server/src/preview/webview';
import { launchChromium, serveWebviewShell, WEBVIEW_ORIGIN as ORIGIN } from '../support/browser';
import { ROOT } from '../support/memo';

const HEADER = [
  '---',
  'lang: en',
  'ministry:',
  '  en: Ministry of Testing',
  '  fr: Ministère des Essais',
  'to:',
  '  - Everyone',
  'from:',
  '  - name: Pat Doe',
  '    title: Director',
  'date: 2021-06-11',
  'subject: A subject',
  'cc: [Someone]',
  '---',
];

/** Every `data-line` of the rendered HTML with the text that follows the tag, in order. */
function linesOf(html: string): { line: number; tag: string; text: string }[] {
  return [...html.matchAll(/<(\w+)[^>]*? data-line="(\d+)"[^>]*>([^<]*)/g)].map((m) => ({ tag: m[1], line: Number(m[2]), text: m[3] }));
}

describe('preview scroll sync: source lines', () => {
  it("gives each body block its line in the memo file, from markdown-it's token maps", () => {
    const body = ['# Heading', '', 'First paragraph', 'goes on here.', '', '- one', '- two', '', '```', 'code', '```', '', '| a | b |', '|---|---|', '| 1 | 2 |', '', 'Last.'];
    const lines = [...HEADER, ...body];
    const text = lines.join('\n');
    const found = linesOf(renderMemo(parseMemo(text, 'markdown'), { sourceLines: true }).html);
    const at = (line: string) => lines.indexOf(line);
    const expect = (tag: string, line: number) =>
      assert.ok(found.some((f) => f.tag === tag && f.line === line), `<${tag} data-line="${line}"> in ${JSON.stringify(found)}`);
    expect('h1', at('# Heading'));
    expect('p', at('First paragraph'));
    expect('li', at('- one'));
    expect('li', at('- two'));
    expect('code', at('```'));
    expect('tr', at('| a | b |'));
    expect('tr', at('| 1 | 2 |'));
    expect('p', at('Last.'));
    // Front-matter fields: the line of their key.
    for (const [cls, key] of [['lh-ministry', 'ministry:'], ['hb-to', 'to:'], ['hb-from', 'from:'], ['hb-date', 'date: 2021-06-11'], ['hb-subject', 'subject: A subject'], ['dist-cc', 'cc: [Someone]']]) {
      assert.match(renderMemo(parseMemo(text, 'markdown'), { sourceLines: true }).html, new RegExp(`class="[^"]*${cls}"[^>]* data-line="${at(key)}"`), cls);
    }
  });

  it("maps a .memo.yaml body's blocks to their lines in the file, in each language's page", () => {
    const file = path.join(ROOT, 'examples/data-sharing.memo.yaml');
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const html = renderMemo(parseMemo(text, 'yaml'), { sourceLines: true }).html;
    const paragraphs = linesOf(html).filter((f) => f.tag === 'p' && /^(Starting|The new|À compter|Le nouveau)/.test(f.text));
    assert.equal(paragraphs.length, 4);
    for (const p of paragraphs) assert.ok(lines[p.line].trim().startsWith(p.text.slice(0, 30)), `line ${p.line}: ${lines[p.line]} / ${p.text}`);
  });

  it('leaves source lines out of the export and of a render that does not ask for them', () => {
    const text = readFileSync(path.join(ROOT, 'test/fixtures/reference/reference.memo.md'), 'utf8');
    assert.doesNotMatch(renderMemo(parseMemo(text, 'markdown')).html, /data-line/);
    assert.doesNotMatch(exportMemo(text, 'markdown').html, /data-line/);
  });

  it('restores a preview from its saved webview state only when it names a memo', () => {
    assert.deepEqual(restoredPreview({ source: 'file:///w/a.memo.md', show: 'fr', scrollY: 40 }), { source: 'file:///w/a.memo.md', show: 'fr' });
    assert.deepEqual(restoredPreview({ source: 'file:///w/a.memo.md' }), { source: 'file:///w/a.memo.md', show: 'both' });
    for (const state of [undefined, null, 'x', {}, { source: 7 }, { source: '' }, { source: `file:///${'x'.repeat(3000)}` }]) {
      assert.equal(restoredPreview(state), undefined, JSON.stringify(state)?.slice(0, 40));
    }
  });

  it('waits longer after typing as memos grow, coalescing the edits of a long memo', () => {
    assert.equal(previewDelay(0), 40);
    assert.equal(previewDelay(16 * 1024), 40);
    assert.ok(previewDelay(200 * 1024) > 300 && previewDelay(200 * 1024) <= 400, String(previewDelay(200 * 1024)));
    assert.equal(previewDelay(10 * 1024 * 1024), 400);
    for (let size = 0; size < 400_000; size += 10_000) assert.ok(previewDelay(size + 10_000) >= previewDelay(size));
  });
});


/** What the webview script posts and saves, recorded from before it runs. */
const RECORD = `
  window.__posted = [];
  window.__state = undefined;
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => window.__state, setState: (s) => { window.__state = s; } });
`;

interface Recorded {
  posted: { type: string; line?: number }[];
  state: { source?: string; show?: string } | undefined;
}

describe('preview scroll sync in the webview page (headless Chromium)', function () {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  // A long memo: 60 paragraphs of a few lines each, so the page scrolls.
  const body = Array.from({ length: 60 }, (_, i) => `Paragraph ${i} ${'words that fill the line '.repeat(8)}`);
  const text = [...HEADER, ...body.flatMap((p) => [p, ''])].join('\n');
  const lineOf = (i: number) => HEADER.length + 2 * i;
  const source = 'file:///w/long.memo.md';

  const recorded = () => page.evaluate(() => ({ posted: (window as unknown as { __posted: Recorded['posted'] }).__posted, state: (window as unknown as { __state: Recorded['state'] }).__state }));
  const update = (memoText: string) =>
    page.evaluate(
      ([html, src]) => window.postMessage({ type: 'update', html, langs: ['en'], stale: false, colors: 'paper', source: src }, '*'),
      [renderMemo(parseMemo(memoText, 'markdown'), { sourceLines: true }).html, source],
    );

  before(async () => {
    browser = await launchChromium({ width: 900, height: 700 });
    page = await browser.context.newPage();
    await page.addInitScript(RECORD);
    await serveWebviewShell(page, 'test-nonce-0123456789');
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
    await update(text);
    await page.locator(`#memo [data-line="${lineOf(59)}"]`).waitFor();
  });
  after(async () => {
    await browser?.close();
  });

  it('keeps the memo it shows in the webview state (for the reload), with the language chosen', async () => {
    const { state } = await recorded();
    assert.equal(state?.source, source);
    assert.equal(state?.show, 'both');
  });

  it("scrolls the preview to the editor's top line, and tells the editor the line when the writer scrolls", async () => {
    await page.evaluate((line) => window.postMessage({ type: 'scroll', line }, '*'), lineOf(30));
    const paragraph = page.locator(`#memo [data-line="${lineOf(30)}"]`);
    await page.waitForFunction((line) => {
      const top = document.querySelector(`#memo [data-line="${line}"]`)?.getBoundingClientRect().top;
      return top !== undefined && Math.abs(top) < 2;
    }, lineOf(30));
    // Our own scrolling is not sent back to the editor.
    const before = (await recorded()).posted.filter((m) => m.type === 'revealLine').length;
    assert.equal(before, 0);
    // The writer scrolls the preview to paragraph 45: the editor is asked for its line.
    await page.evaluate((line) => {
      const element = document.querySelector(`#memo [data-line="${line}"]`) as HTMLElement;
      window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY);
    }, lineOf(45));
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'revealLine'));
    const reveal = (await recorded()).posted.filter((m) => m.type === 'revealLine').pop();
    assert.ok(reveal && Math.abs((reveal.line ?? -1) - lineOf(45)) <= 1, JSON.stringify(reveal));
    // A double-click on a block opens the memo at its line.
    await paragraph.scrollIntoViewIfNeeded();
    await paragraph.dblclick();
    const open = (await recorded()).posted.filter((m) => m.type === 'openSource').pop();
    assert.deepEqual(open, { type: 'openSource', line: lineOf(30) });
  });

  it('replaces only what changed: untouched blocks are the same nodes, with their lines moved', async () => {
    await page.evaluate(() => {
      for (const [i, p] of [...document.querySelectorAll('#memo .memo-body p')].entries()) (p as unknown as { __mark: number }).__mark = i;
    });
    // A new paragraph typed before paragraph 10, then (next render) paragraph 20 edited.
    const inserted = text.replace('Paragraph 10 ', 'A new one.\n\nParagraph 10 ');
    await update(inserted);
    await page.locator('#memo p', { hasText: 'A new one.' }).waitFor();
    const edited = inserted.replace('Paragraph 20 ', 'Paragraph twenty ');
    await update(edited);
    await page.locator('#memo p', { hasText: 'Paragraph twenty' }).waitFor();
    const after = await page.evaluate(() =>
      [...document.querySelectorAll('#memo .memo-body p')].map((p) => ({ mark: (p as unknown as { __mark?: number }).__mark, line: Number(p.getAttribute('data-line')), text: p.textContent?.slice(0, 14) })),
    );
    assert.equal(after.length, 61);
    const lines = edited.split('\n');
    for (const p of after) assert.ok(lines[p.line].startsWith(p.text ?? '?'), `line ${p.line} is "${lines[p.line].slice(0, 20)}", shown "${p.text}"`);
    // Every paragraph but the edited one kept its node; the edited one too, with its new text.
    const kept = after.filter((p) => p.mark !== undefined && p.text?.startsWith(`Paragraph ${p.mark} `)).length;
    assert.equal(kept, 59, `${kept} of 60 paragraphs kept their nodes`);
    assert.equal(after.find((p) => p.text?.startsWith('Paragraph twen'))?.mark, 20);
  });
});
