/**
 * `npm run test:e2e:web`: the packaged extension as a web extension, in code-server's web worker
 * extension host (the one VS Code for the Web and github.dev run), driven by Chromium. The same
 * .vsix as `npm run test:e2e`; the user setting `remote.extensionKind` puts it in the web worker
 * host, where its `browser` entry runs and its language server is a web worker. Nothing is downloaded.
 *
 * Checked as a writer sees it: the web entry is the one running (Export to PDF is not offered), a
 * broken memo's problems, a quick fix applied, the preview, and "Add to glossary" writing
 * `.policy-memo/glossary.yaml`, which the server reads again (through the client's
 * vscode.workspace.fs) and which silences the acronym finding.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { prepareWorkspace } from '../integration/passes';
import { assertInstalled, installExtension, newProfile, RunningCodeServer, startCodeServer } from './code-server';
import { PRODUCT_VSIX } from './extensions';
import { launchBrowser, UI_LIMIT_MS, Workbench } from './workbench';
import { brokenMemoProblems, dateQuickFix, referencePreview } from './writer-steps';

const ROOT = path.resolve(__dirname, '../../..');
const OUTPUT = path.join(ROOT, 'test-output');

const failures: string[] = [];

/** Runs one UI step; a failure is recorded (with a screenshot) and the run goes on. */
async function step(name: string, workbench: Workbench, action: () => Promise<string | void>): Promise<void> {
  try {
    const note = await action();
    console.log(`  ✓ ${name}${note ? ` (${note})` : ''}`);
  } catch (error) {
    failures.push(name);
    const shot = path.join(OUTPUT, `e2e-web-failed-${failures.length}.png`);
    await workbench.screenshot(shot).catch(() => undefined);
    console.log(`  ✗ ${name}\n      ${(error instanceof Error ? error.message : String(error)).replace(/\n/g, '\n      ')}\n      (screenshot: ${path.relative(ROOT, shot)})`);
  }
}

/** The command palette's entries for `text` (the palette is closed again). */
async function paletteEntries(workbench: Workbench, text: string): Promise<string[]> {
  await workbench.page.keyboard.press('Control+Shift+P');
  const input = workbench.page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${text}`);
  const rows = workbench.page.locator('.quick-input-list .monaco-list-row .label-name');
  await rows.filter({ hasText: text }).first().waitFor();
  const entries = await rows.allTextContents();
  await workbench.page.keyboard.press('Escape');
  return entries;
}

async function checkOnTheWeb(workbench: Workbench, folder: string): Promise<void> {
  console.log('\nThe web extension (code-server, web worker extension host):');
  await brokenMemoProblems(step, workbench, 'the broken memo’s three problems are in the Problems panel');
  await step('it runs in the web worker host: Export to HTML and to Word are offered, Export to PDF is not', workbench, async () => {
    const entries = await paletteEntries(workbench, 'Policy Memo: Export to');
    const pdf = entries.filter((e) => e.includes('PDF'));
    if (!entries.some((e) => e.includes('HTML')) || !entries.some((e) => e.includes('Word')) || pdf.length > 0) throw new Error(`offered: ${entries.join(' | ')}`);
    return entries.join(' | ');
  });
  await dateQuickFix(step, workbench);
  await referencePreview(step, workbench, ROOT, 'e2e-web-editor-and-preview.png');
  await step('"Add to glossary" on the acronym finding writes .policy-memo/glossary.yaml, which is read again and silences the finding', workbench, async () => {
    await workbench.openFile('acronym.memo.md');
    const finding = (await workbench.problemsWith('"MTFDC" is never defined')).find((r) => r.includes('MTFDC')) ?? '';
    const at = /Ln (\d+), Col (\d+)/.exec(finding);
    if (!at) throw new Error(`no position in: ${finding}`);
    await workbench.goTo(Number(at[1]), Number(at[2]) + 1);
    const offered = await workbench.quickFix('Add "MTFDC" to the glossary');
    // The fix creates the glossary and writes the term in it; saved as a writer saves, through VS Code's file system.
    await workbench.runCommand('File: Save All Files');
    await workbench.page.locator('.markers-panel .monaco-list-row[aria-level="2"]', { hasText: '"MTFDC" is never defined' }).waitFor({ state: 'detached', timeout: UI_LIMIT_MS });
    const glossary = readFileSync(path.join(folder, '.policy-memo', 'glossary.yaml'), 'utf8');
    if (!glossary.includes('MTFDC')) throw new Error(`the glossary on disk: ${JSON.stringify(glossary)}`);
    return `offered: ${offered.join(' | ')}; glossary: ${JSON.stringify(glossary)}`;
  });
}

async function main(): Promise<number> {
  const started = Date.now();
  assertInstalled();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'policy-memo-e2e-web-'));
  const profile = newProfile(path.join(scratch, 'profile'));
  // The extension has `main` and `browser`: this makes code-server run it in the web worker host.
  const settingsFile = path.join(profile.userData, 'User', 'settings.json');
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string };
  const settings = { ...(JSON.parse(readFileSync(settingsFile, 'utf8')) as object), 'remote.extensionKind': { [`${manifest.publisher}.${manifest.name}`]: ['web'] } };
  writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  const folder = prepareWorkspace('trusted', scratch);
  // The reference memo without its acronym's definition: MTFDC is reported until the glossary has it.
  writeFileSync(path.join(folder, 'acronym.memo.md'), readFileSync(path.join(folder, 'reference.memo.md'), 'utf8').replace(' (MTFDC)', ''));
  installExtension(profile, PRODUCT_VSIX);

  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let workbench: Workbench | undefined;
  try {
    server = await startCodeServer(profile);
    console.log(`code-server ${server.url} (pid ${server.pid})`);
    browser = await launchBrowser();
    workbench = await Workbench.open(browser, server.url, folder);
    await workbench.answerTrust(true);
    await checkOnTheWeb(workbench, folder);
  } catch (error) {
    failures.push('the web e2e run');
    console.log(`  ✗ the web e2e run: ${error instanceof Error ? error.message : String(error)}${server ? `\ncode-server said:\n${server.log().slice(-3000)}` : ''}`);
  } finally {
    if (workbench) writeFileSync(path.join(scratch, 'web-workbench-console.log'), workbench.console.join('\n'));
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }
  if (failures.length === 0) rmSync(scratch, { recursive: true, force: true });
  else console.log(`\nkept for inspection: ${scratch}`);
  console.log(`e2e (web): ${failures.length === 0 ? 'passed' : `FAILED (${failures.join('; ')})`} in ${Math.round((Date.now() - started) / 1000)} s`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`e2e (web): ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
