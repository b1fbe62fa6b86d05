import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { exportMemo } from '../../server/src/preview';
import { launchChromium, testOutput } from '../support/browser';
import { ROOT } from '../support/memo';

const NBSP = '\u00a0';

/** Exports a memo to test-output/preview/NAME.html and opens it; CSP violations and console errors are collected. */
async function openExport(context: BrowserContext, source: string, kind: 'markdown' | 'yaml', name: string) {
  const file = testOutput(`${name}.html`);
  writeFileSync(file, exportMemo(readFileSync(path.join(ROOT, source), 'utf8'), kind).html);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.goto(pathToFileURL(file).href);
  return { page, problems };
}

async function box(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox();
  assert.ok(b, `${selector} is laid out`);
  return b;
}

describe('preview in headless Chromium', function () {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  it('shows the exported reference memo like the official one, and saves a screenshot', async () => {
    const { page, problems } = await openExport(browser.context, 'test/fixtures/reference/reference.memo.md', 'markdown', 'reference');
    const en = page.locator('.lh-ministry .lh-en');
    const fr = page.locator('.lh-ministry .lh-fr');
    assert.ok(await en.isVisible());
    assert.equal(await en.innerText(), 'Ministry of Children, Community and Social Services');
    assert.ok((await fr.innerText()).startsWith('Ministère des Services à l'));
    assert.ok((await box(page, '.lh-ministry .lh-en')).x < (await box(page, '.lh-ministry .lh-fr')).x, 'English left, French right');
    assert.ok(await page.getByText('NOTE DE SERVICE', { exact: true }).isVisible());
    for (const label of [`DESTINATAIRES${NBSP}:`, `EXPÉDITEUR ET EXPÉDITRICE${NBSP}:`, `DATE${NBSP}:`, `OBJET${NBSP}:`]) {
      const cell = page.locator('.hb-label', { hasText: label });
      assert.ok(await cell.isVisible(), label);
      assert.equal((await cell.textContent()), label);
    }
    assert.ok(await page.getByText('Le 11 juin 2021', { exact: true }).isVisible());
    assert.ok(await page.getByText('Version originale signée par', { exact: true }).isVisible());
    assert.ok(await page.getByText(`c.${NBSP}c.`, { exact: true }).isVisible());
    // The inline CSS is allowed by its hash: the page is paper white on a grey desk.
    assert.equal(await page.locator('.memo-page').evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(255, 255, 255)');
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor), 'rgb(255, 255, 255)');
    assert.deepEqual(problems, []);
    await page.screenshot({ path: testOutput('reference.png'), fullPage: true });
  });

  it('shows a two-language memo side by side when wide and one after the other when narrow', async () => {
    const { page, problems } = await openExport(browser.context, 'examples/data-sharing.memo.yaml', 'yaml', 'data-sharing');
    await page.setViewportSize({ width: 1800, height: 1200 });
    let [first, second] = [await box(page, '.memo-page[lang="en"]'), await box(page, '.memo-page[lang="fr"]')];
    assert.ok(second.x > first.x + first.width - 1 && Math.abs(second.y - first.y) < 1, 'side by side');
    await page.screenshot({ path: testOutput('data-sharing-wide.png') });
    await page.setViewportSize({ width: 900, height: 1200 });
    [first, second] = [await box(page, '.memo-page[lang="en"]'), await box(page, '.memo-page[lang="fr"]')];
    assert.ok(second.y > first.y + first.height - 1, 'stacked');
    assert.ok(await page.getByText(`EXPÉDITEUR${NBSP}:`, { exact: true }).isVisible());
    assert.ok(await page.getByText('FROM:', { exact: true }).isVisible());
    assert.deepEqual(problems, []);
  });

  it('prints on Letter paper with each language on its own page', async () => {
    const { page } = await openExport(browser.context, 'examples/data-sharing.memo.yaml', 'yaml', 'data-sharing-print');
    const pdf = await page.pdf({ preferCSSPageSize: true });
    writeFileSync(testOutput('data-sharing.pdf'), pdf);
    const text = pdf.toString('latin1');
    assert.match(text, /\/MediaBox \[0 0 612 792\]/, 'Letter: 8.5 x 11 in');
    assert.equal(text.match(/\/Type \/Page\b/g)?.length, 2, 'one page per language');
  });
});
