import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BrowserContext, chromium } from 'playwright-core';
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
