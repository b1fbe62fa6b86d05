import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { mediaFolder, webviewHtml } from '../../server/src/preview';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';
import { ROOT } from './memo';

export { CHROMIUM } from './chromium';

/** Where browser tests leave screenshots and pages for a person to look at (ignored by git). */
export function testOutput(...parts: string[]): string {
  const folder = path.join(ROOT, 'test-output', 'preview');
  mkdirSync(folder, { recursive: true });
  return path.join(folder, ...parts);
}

/** A headless Chromium with a fresh profile and no background network; `close` removes the profile. */
export async function launchChromium(viewport = { width: 1000, height: 1300 }): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does`);
  const profile = mkdtempSync(path.join(tmpdir(), 'policy-memo-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: CHROMIUM_ARGS,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The origin the preview's webview page is served from in browser tests (nothing else is reachable). */
export const WEBVIEW_ORIGIN = 'https://preview.test';

/**
 * Serves the preview's webview page (the shell webviewHtml makes, under its CSP, with media/'s CSS and
 * script) at WEBVIEW_ORIGIN, from memory; every other request is refused. The caller opens the page.
 */
export async function serveWebviewShell(page: Page, nonce: string): Promise<void> {
  const shell = webviewHtml({
    cspSource: WEBVIEW_ORIGIN,
    nonce,
    styles: [`${WEBVIEW_ORIGIN}/media/memo.css`, `${WEBVIEW_ORIGIN}/media/preview.css`],
    script: `${WEBVIEW_ORIGIN}/media/preview.js`,
    uiLang: 'en',
    text: { toolbar: 'Language', english: 'English', french: 'Français', both: 'Both' },
  });
  const media = mediaFolder();
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== WEBVIEW_ORIGIN) return route.abort();
    if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: shell });
    const type = url.pathname.endsWith('.js') ? 'text/javascript' : 'text/css';
    return route.fulfill({ contentType: type, body: readFileSync(path.join(media, path.basename(url.pathname)), 'utf8') });
  });
}
