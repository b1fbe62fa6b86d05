/**
 * `npm run test:e2e:web`: the packaged extension as a web extension, in code-server's web worker
 * extension host (the one VS Code for the Web and github.dev run), driven by Chromium. The same
 * .vsix as `npm run test:e2e`; the user setting `remote.extensionKind` puts it in the web worker
 * host, where its `browser` entry runs and its language server is a web worker. Nothing is downloaded.
 *
 * Checked as a writer sees it: the web entry is the one running (Export to PDF is not offered), a
 * broken memo's problems, a quick fix applied, the preview, and "Add to glossary" writing
 * `.policy-memo/glossary.yaml`, which the server reads again (through the client's
 * vscode.workspace.fs) and which silences the acronym finding. The workspace check runs there too
 * (`policyMemo.checkWorkspace: onStartup`, then the command): a memo never opened shows its problem,
 * and one that `.policy-memo/config.yaml`'s `ignore:` names does not.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** The memo files of the workspace the workspace check lists: none in a dot folder, none under drafts/ (the config's `ignore:`). */
function listedMemos(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => name.split(path.sep).join('/'))
    .filter((name) => /\.memo\.(md|ya?ml)$/.test(name) && !name.split('/').some((part) => part.startsWith('.')) && !name.startsWith('drafts/'));
}

/**
 * Waits for the workspace check's closing notification saying it checked `files` memo files, and gives
 * its text. Looked for in the notification center (a toast hides after a while; the center keeps it)
 * and among the toasts: the center closes by itself when its last notification goes, which the
 * check's progress is when the center opens while the check runs, and the closing one then comes as
 * a toast. Once read, the notifications are cleared, so that a later wait cannot find this one.
 */
async function workspaceChecked(workbench: Workbench, files: number): Promise<string> {
  await workbench.runCommand('Notifications: Show Notifications');
  const item = workbench.page
    .locator('.notifications-center .notification-list-item, .notifications-toasts .notification-list-item')
    .filter({ hasText: `Workspace checked. Memo files: ${files}.` })
    .first();
  await item.waitFor({ timeout: UI_LIMIT_MS });
  const text = (await item.locator('.notification-list-item-message').textContent()) ?? '';
  await workbench.runCommand('Notifications: Clear All Notifications');
  return text;
}

/**
 * The Problems panel under a filter of comma-separated globs, once it lists the file `first` with
 * `count` problems in all: the files it lists, and the problems' rows. (Waiting on the file's row
 * first: until the panel has applied the filter, it still shows the previous filter's rows.)
 */
async function problemsUnder(workbench: Workbench, filter: string, first: string, count: number): Promise<{ files: string[]; rows: string[] }> {
  await workbench.page.keyboard.press('Control+Shift+M');
  const panel = workbench.page.locator('.markers-panel');
  await panel.waitFor();
  await workbench.page.locator('.markers-panel-action-filter input, .viewpane-filter input').first().fill(filter);
  await panel.locator('.monaco-list-row[aria-level="1"]', { hasText: first }).first().waitFor();
  const problems = panel.locator('.monaco-list-row[aria-level="2"]');
  await problems.nth(count - 1).waitFor();
  await problems.nth(count).waitFor({ state: 'detached' });
  return { files: await panel.locator('.monaco-list-row[aria-level="1"]').allTextContents(), rows: await problems.allTextContents() };
}

/** A problem row as the writer reads it ("message policy-memo(rule) [Ln 1, Col 1]"; its text content drops the brackets). */
const shown = (row: string) => row.replace(/policy-memo([\w-]+)\[/, ' policy-memo($1) [');

async function checkOnTheWeb(workbench: Workbench, folder: string): Promise<void> {
  console.log('\nThe web extension (code-server, web worker extension host):');
  await brokenMemoProblems(step, workbench, 'the broken memo’s three problems are in the Problems panel');
  await step('policyMemo.checkWorkspace: onStartup checks the memos never opened: one shows its problem, the one ignore: names does not', workbench, async () => {
    const message = await workspaceChecked(workbench, listedMemos(folder).length);
    // Both memos under one filter: the unseen one's three problems (the reference memo's two placeholder
    // links, and the hand-written date), and none of the ignored one, which would add three more.
    const { files, rows } = await problemsUnder(workbench, '**/unseen.memo.md, **/ignored.memo.md', 'unseen.memo.md', 3);
    const date = rows.find((r) => r.includes('"02/10/2026"') && r.includes('policy-memodate-format['));
    if (!date) throw new Error(`the unseen memo's problems: ${rows.join(' | ')}`);
    if (files.length !== 1 || files.some((f) => f.includes('ignored'))) throw new Error(`files with problems: ${files.join(' | ')}`);
    return `${message}; ${shown(date)}`;
  });
  await step('"Check All Memos in the Workspace" is offered, and lists a memo written since', workbench, async () => {
    writeFileSync(path.join(folder, 'never-opened', 'later.memo.md'), readFileSync(path.join(folder, 'never-opened', 'unseen.memo.md'), 'utf8'));
    const files = listedMemos(folder).length;
    await workbench.runCommand('Policy Memo: Check All Memos in the Workspace');
    const message = await workspaceChecked(workbench, files);
    const { rows } = await problemsUnder(workbench, '**/later.memo.md', 'later.memo.md', 3);
    return `${message}; later.memo.md: ${rows.map(shown).join(' | ')}`;
  });
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
    // Filtered to the memo: the workspace check (onStartup) filled the panel with the other memos' problems.
    // Its three: the acronym and the reference memo's two placeholder links.
    const finding = (await problemsUnder(workbench, '**/acronym.memo.md', 'acronym.memo.md', 3)).rows.find((r) => r.includes('MTFDC')) ?? '';
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
  // For the workspace check: a memo never opened with a hand-written date, and one the config ignores.
  const unseen = readFileSync(path.join(folder, 'reference.memo.md'), 'utf8').replace(/^date: .*$/m, 'date: 02/10/2026');
  mkdirSync(path.join(folder, 'never-opened'));
  writeFileSync(path.join(folder, 'never-opened', 'unseen.memo.md'), unseen);
  mkdirSync(path.join(folder, 'drafts'));
  writeFileSync(path.join(folder, 'drafts', 'ignored.memo.md'), unseen);
  mkdirSync(path.join(folder, '.policy-memo'), { recursive: true });
  writeFileSync(path.join(folder, '.policy-memo', 'config.yaml'), 'ignore:\n  - drafts/**\n');
  const workspaceSettings = path.join(folder, '.vscode', 'settings.json');
  writeFileSync(workspaceSettings, JSON.stringify({ ...(JSON.parse(readFileSync(workspaceSettings, 'utf8')) as object), 'policyMemo.checkWorkspace': 'onStartup' }, null, 2));
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
