/**
 * `npm run test:e2e`: the packaged extension in a real VS Code (code-server), driven by Chromium.
 *
 * 1. Installs policy-memo.vsix and the test harness into a throw-away extensions folder, and checks
 *    what the .vsix installed.
 * 2. Opens a copy of the test workspace, trusts it, and waits for the harness's suite result.
 * 3. Checks what a writer sees: the Problems panel of a broken memo, the status bar item on it (its
 *    tooltip, and the quick pick its click opens), Ctrl+. on a bad date, the
 *    preview of the reference memo (with a screenshot of the editor beside it) following the editor's
 *    scroll, the preview following the broken memo with the Problems panel's count, and the preview
 *    restored after a window reload.
 * 4. Opens a second copy without trusting it (the harness runs the [untrusted] tests there).
 * code-server is stopped by its process id at the end, whatever happened.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import type { SuiteResult } from '../integration/index';
import { Pass, prepareWorkspace } from '../integration/passes';
import { assertInstalled, installExtension, newProfile, RunningCodeServer, startCodeServer } from './code-server';
import { checkInstalledProduct, packHarness, PRODUCT_VSIX } from './extensions';
import { launchBrowser, UI_LIMIT_MS, Workbench } from './workbench';
import { brokenMemoProblems, dateQuickFix, referencePreview } from './writer-steps';

const ROOT = path.resolve(__dirname, '../../..');
const OUTPUT = path.join(ROOT, 'test-output');
/** The whole suite of one pass; each of its waits has its own, shorter limit. */
const SUITE_LIMIT_MS = 5 * 60_000;

const failures: string[] = [];

/** The little of a page's window the scroll-sync step reads (this project compiles without the DOM library). */
interface ScrollingWindow {
  scrollY: number;
  addEventListener(type: 'scroll', listener: () => void): void;
  removeEventListener(type: 'scroll', listener: () => void): void;
}

function check(name: string, ok: boolean, detail = ''): void {
  console.log(`  ${ok ? '✓' : '✗'} ${name}${ok || !detail ? '' : `\n      ${detail.replace(/\n/g, '\n      ')}`}`);
  if (!ok) failures.push(name);
}

/** Runs one UI step; a failure is recorded (with a screenshot) and the run goes on. */
async function step(name: string, workbench: Workbench, action: () => Promise<string | void>): Promise<void> {
  try {
    const note = await action();
    console.log(`  ✓ ${name}${note ? ` (${note})` : ''}`);
  } catch (error) {
    const shot = path.join(OUTPUT, `e2e-failed-${failures.length + 1}.png`);
    await workbench.screenshot(shot).catch(() => undefined);
    check(name, false, `${error instanceof Error ? error.message : String(error)}\n(screenshot: ${path.relative(ROOT, shot)})`);
  }
}

/** Resolves with the harness's result file once it appears (watching its folder, never polling). */
function resultOf(file: string): Promise<SuiteResult | { error: string }> {
  return new Promise((resolve, reject) => {
    const folder = path.dirname(file);
    const read = () => {
      if (!existsSync(file)) return false;
      watcher.close();
      clearTimeout(timer);
      resolve(JSON.parse(readFileSync(file, 'utf8')) as SuiteResult | { error: string });
      return true;
    };
    const watcher = watch(folder, () => void read());
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`no suite result in ${SUITE_LIMIT_MS / 1000} s (${file})`));
    }, SUITE_LIMIT_MS);
    read();
  });
}

const totals = { passed: 0, failed: 0, skipped: 0 };

function report(pass: Pass, result: SuiteResult | { error: string }): void {
  console.log(`\nIntegration suite, ${pass} workspace (in code-server's extension host):`);
  if ('error' in result) {
    check(`the ${pass} suite ran`, false, result.error);
    totals.failed++;
    return;
  }
  for (const test of result.tests) {
    const mark = { passed: '✓', failed: '✗', skipped: '-' }[test.state];
    console.log(`  ${mark} ${test.title}${test.state === 'skipped' ? ' (skipped)' : ''}`);
    if (test.error) console.log(`      ${test.error.replace(/\n/g, '\n      ')}`);
  }
  console.log(`  ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`);
  if (result.failed > 0) failures.push(`${result.failed} ${pass} suite test(s)`);
  if (result.passed === 0) check(`the ${pass} suite ran its tests`, false, 'no test passed: none ran');
  totals.passed += result.passed;
  totals.failed += result.failed;
  totals.skipped += result.skipped;
}

/** What a writer sees in the trusted workspace, after the suite has run there. */
async function checkWhatAWriterSees(workbench: Workbench): Promise<void> {
  console.log('\nWhat a writer sees (trusted workspace):');
  await workbench.runCommand('View: Close All Editors');
  await brokenMemoProblems(step, workbench, 'the Problems panel lists the broken memo’s three problems');
  await step('the status bar item on the broken memo: its tooltip says what applied, and a click opens the quick pick of what to do', workbench, async () => {
    // Found as a screen reader finds it, by its label (the count is its own test's, in the suite).
    const item = workbench.page.getByRole('button', { name: /^Policy Memo\. Problems in this memo: 3$/ });
    const text = ((await item.textContent()) ?? '').trim();
    await item.hover();
    await workbench.page.getByText('What applies to this memo').first().waitFor({ timeout: UI_LIMIT_MS });
    await item.click();
    const input = workbench.page.locator('.quick-input-widget input');
    await workbench.page.locator('.quick-input-widget').getByText('Open the rule docs').waitFor({ timeout: UI_LIMIT_MS });
    // Each row's first label is its own (a row with a detail has a second one, under it).
    const rows = await workbench.page.locator('.quick-input-list .monaco-list-row').all();
    const labels = await Promise.all(rows.map(async (row) => ((await row.locator('.label-name').first().textContent()) ?? '').trim()));
    const placeholder = (await input.getAttribute('placeholder')) ?? '';
    await workbench.page.keyboard.press('Escape');
    await workbench.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    const expected = ['Create the workspace lists (.policy-memo/) with commented starter files', 'Open the rule docs', 'Check memos on save only', 'Check all memos in the workspace'];
    if (labels.join('|') !== expected.join('|')) throw new Error(`the quick pick offers: ${labels.join(' | ')}`);
    if (!placeholder.startsWith('Policy Memo: what to do')) throw new Error(`the quick pick asks: ${placeholder}`);
    return `${text}: ${labels.join(' | ')}`;
  });
  await dateQuickFix(step, workbench);
  await referencePreview(step, workbench, ROOT, 'e2e-editor-and-preview.png');
  await step('scroll sync: the preview follows the editor to the end of the memo', workbench, async () => {
    // Ctrl+End in the memo: its last lines come to the editor's top half, so the preview scrolls down to them.
    await workbench.editor().click({ position: { x: 200, y: 10 } });
    await workbench.page.keyboard.press('Control+End');
    // Resolves on the webview's scroll event that brings it down (or at once if it is down already).
    const scrolled = await workbench.webview().locator('body').evaluate(
      (body) =>
        new Promise<number>((resolve) => {
          const view = body.ownerDocument.defaultView as unknown as ScrollingWindow;
          const down = () => view.scrollY > 100;
          if (down()) return resolve(view.scrollY);
          const seen = () => {
            if (!down()) return;
            view.removeEventListener('scroll', seen);
            resolve(view.scrollY);
          };
          view.addEventListener('scroll', seen);
        }),
    );
    return `the preview scrolled to ${Math.round(scrolled)} px`;
  });
  await step('the preview follows the broken memo and counts the two problems the Problems panel lists', workbench, async () => {
    // The language server renders the preview and counts with the check it publishes (after the quick fix above: two).
    await workbench.openFile('broken.memo.md');
    // The memo and its banner arrive in one message: once the broken memo shows, the banner is its own.
    await workbench.webview().getByText('Winter service continuity').first().waitFor({ timeout: UI_LIMIT_MS });
    const banner = workbench.webview().locator('.banner', { hasText: '2 problems in this memo' });
    await banner.waitFor({ timeout: UI_LIMIT_MS });
    return (await banner.textContent()) ?? '';
  });
  // It leaves an unsaved untitled memo open, so only steps that open files of their own come after it.
  await step('New Memo (French), Tab through every field without typing: the Problems panel is not empty; Ctrl+K V shows the letterhead', workbench, async () => {
    // The preview is closed first, so that Ctrl+K V is what opens it. (The broken memo stays open,
    // edited by the quick fix above: closing it would ask to save.)
    const keys = workbench.page.keyboard;
    await keys.press('Control+2');
    await keys.press('Control+W');
    await workbench.page.locator('.tabs-container .tab', { hasText: 'Preview:' }).waitFor({ state: 'detached' });
    await keys.press('Control+1');
    await workbench.runCommandAnswering('Policy Memo: New Memo', 'French', 'Markdown memo (.memo.md)');
    await workbench.waitForEditorText('lang: fr');
    // The French template's 11 fields, then $0: the writer presses Tab and types nothing.
    for (let field = 0; field < 11; field++) await keys.press('Tab');
    await keys.press('Escape');
    const rows = (await workbench.problemsWith('policy-memoplaceholder-text[')).filter((r) => r.includes('placeholder-text'));
    await workbench.runCommand('View: Hide Panel');
    await workbench.editor().click({ position: { x: 200, y: 10 } });
    await keys.press('Control+K');
    await keys.press('v');
    await workbench.webview().locator('.letterhead').getByText('Nom du ministère').first().waitFor({ timeout: UI_LIMIT_MS });
    await workbench.webview().getByText('NOTE DE SERVICE').first().waitFor({ timeout: UI_LIMIT_MS });
    return `${rows.length} placeholder-text problems, the first: ${rows[0]}`;
  });
  await step('an unclosed quote typed in a subject: Ctrl+. closes it, and the preview recovers', workbench, async () => {
    // In the editors' group, beside the preview (after the step above, the preview may have the focus).
    await workbench.page.keyboard.press('Control+1');
    await workbench.openFile('typing.memo.md');
    await workbench.webview().getByText('Continuité des services en hiver').first().waitFor({ timeout: UI_LIMIT_MS });
    // Line 12 of test/integration/workspace/typing.memo.md (the editor wraps long lines, so its screen lines are no guide).
    const line = 11;
    await workbench.goTo(line + 1, 10);
    await workbench.page.keyboard.press('Shift+End');
    await workbench.page.keyboard.press('Delete');
    await workbench.page.keyboard.type('"Planification du financement');
    await workbench.webview().locator('.banner', { hasText: 'cannot be read right now' }).waitFor({ timeout: UI_LIMIT_MS });
    await workbench.goTo(line + 1, 10);
    const offered = await workbench.quickFix('Close the quote at the end of the line');
    await workbench.waitForEditorText('subject: "Planification du financement"');
    await workbench.webview().getByText('Planification du financement').first().waitFor({ timeout: UI_LIMIT_MS });
    await workbench.webview().locator('.banner', { hasText: 'cannot be read right now' }).waitFor({ state: 'detached', timeout: UI_LIMIT_MS });
    await workbench.runCommand('File: Revert File');
    return `offered: ${offered.join(' | ')}`;
  });
  // Last: "Developer: Reload Window" (which saves the window's state first; a bare page reload may lose its
  // last changes in the browser), and VS Code restores the preview through the extension's serializer.
  await step('after a window reload, the preview comes back with the memo it showed', workbench, async () => {
    const reloaded = workbench.page.waitForEvent('load');
    await workbench.runCommand('Developer: Reload Window');
    await reloaded;
    await workbench.page.locator('.monaco-workbench').waitFor();
    await workbench.page.locator('.tabs-container .tab', { hasText: 'Preview: typing.memo.md' }).waitFor({ timeout: UI_LIMIT_MS });
    await workbench.webview().getByText('Continuité des services en hiver').first().waitFor({ timeout: UI_LIMIT_MS });
  });
}

/**
 * The English texts of ours that have a French translation (l10n/bundle.l10n.fr.json), as patterns
 * for a whole shown text (`{0}` stands for anything).
 */
function englishTexts(): { text: string; pattern: RegExp }[] {
  const fr = JSON.parse(readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.fr.json'), 'utf8')) as Record<string, string>;
  return Object.entries(fr)
    .filter(([english, french]) => english !== french)
    .map(([english]) => ({ text: english, pattern: new RegExp(`^${english.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\d+\\\}/g, '.+')}$`) }));
}

/**
 * With `policyMemo.locale: fr` in this English VS Code: the preview (title, banner, language
 * buttons), New Memo's pickers and the export notification are in French, and none of them shows an
 * English text of ours. The setting is changed while everything is open: the texts follow it.
 */
async function checkFrenchInEnglishVsCode(workbench: Workbench, folder: string): Promise<void> {
  console.log('\nWith policyMemo.locale: fr in an English VS Code:');
  const english = englishTexts();
  const shown: string[] = [];
  const french = (texts: string[]) => {
    shown.push(...texts);
    const left = texts.filter((text) => english.some((e) => e.pattern.test(text.trim())));
    if (left.length > 0) throw new Error(`English left: ${left.join(' | ')}`);
  };
  const settings = path.join(folder, '.vscode', 'settings.json');
  // The workspace's settings as the suite left them (plain JSON: VS Code writes it without comments).
  writeFileSync(settings, `${JSON.stringify({ ...(JSON.parse(readFileSync(settings, 'utf8')) as object), 'policyMemo.locale': 'fr' }, null, 2)}\n`);
  await step('the preview: its title, banner and language buttons', workbench, async () => {
    await workbench.page.keyboard.press('Control+1');
    await workbench.openFile('broken.memo.md');
    // The broken memo still has the two problems left after the quick fix above.
    const banner = workbench.webview().locator('.banner', { hasText: '2\u00a0problèmes dans cette note' });
    await banner.waitFor({ timeout: UI_LIMIT_MS });
    const tab = workbench.page.locator('.tabs-container .tab', { hasText: 'Aperçu' }).first();
    await tab.waitFor();
    const toolbar = workbench.webview().locator('.toolbar');
    // The buttons of the two languages name each language in itself (English, Français), as a language switch does.
    const names = await toolbar.locator('button[data-show="en"], button[data-show="fr"]').allTextContents();
    if (names.join('|') !== 'English|Français') throw new Error(`the language buttons are ${names.join(', ')}`);
    const texts = [(await banner.textContent()) ?? '', (await tab.textContent()) ?? '', (await toolbar.getAttribute('aria-label')) ?? '', ...(await toolbar.locator('button[data-show="both"]').allTextContents())];
    if (!texts.includes('Les deux') || !texts.includes('Langue')) throw new Error(`no French toolbar in: ${texts.join(' | ')}`);
    french(texts);
    return texts.join(' | ');
  });
  await step('New Memo asks its two questions in French', workbench, async () => {
    await workbench.runCommandKeepingPicks('Policy Memo: New Memo');
    const picks = workbench.page.locator('.quick-input-list .monaco-list-row');
    const input = workbench.page.locator('.quick-input-widget input');
    const texts: string[] = [];
    for (const [first, answer] of [['Anglais', 'Français'], ['Note en Markdown (.memo.md)', undefined]] as const) {
      await picks.locator('.label-name', { hasText: first }).first().waitFor();
      texts.push((await input.getAttribute('placeholder')) ?? '', (await workbench.page.locator('.quick-input-title').textContent()) ?? '', ...(await picks.locator('.label-name').allTextContents()), ...(await picks.locator('.label-description').allTextContents()));
      if (answer) await workbench.pick(answer);
    }
    await workbench.page.keyboard.press('Escape');
    french(texts);
    return texts.filter((t) => t).join(' | ');
  });
  await step('the export notification and its button', workbench, async () => {
    await workbench.openFile('broken.memo.md');
    await workbench.runCommand('Policy Memo: Export to HTML');
    const toast = workbench.page.locator('.notification-toast', { hasText: 'Exportée dans' }).first();
    await toast.waitFor();
    const texts = [(await toast.locator('.notification-list-item-message').textContent()) ?? '', ...(await toast.locator('.monaco-button').allTextContents())];
    if (!texts.includes('Afficher les problèmes')) throw new Error(`no "Afficher les problèmes" in: ${texts.join(' | ')}`);
    french(texts);
    return texts.join(' | ');
  });
  await step('VS Code\'s own Markdown preview of a memo: the note pointing to the memo preview', workbench, async () => {
    await workbench.openFile('broken.memo.md');
    await workbench.runCommand('Markdown: Open Preview to the Side');
    const note = workbench.webview().locator('p em', { hasText: 'Ceci est l’aperçu Markdown' }).first();
    await note.waitFor({ timeout: UI_LIMIT_MS });
    const texts = [(await note.textContent()) ?? ''];
    french(texts);
    return texts[0];
  });
  await step('a finding\'s rule link in the Problems panel opens the French rule page in the Markdown preview', workbench, async () => {
    // The server re-checked the memo in French: its links now go to the .fr.md pages.
    const rows = await workbench.problemsOf('broken.memo.md', 2);
    await workbench.page.locator('.markers-panel .monaco-list-row[aria-level="2"] a.monaco-link', { hasText: /^recipients$/ }).first().click();
    // VS Code's Markdown preview is titled "Preview <file>"; the raw page would be a text editor titled "recipients.fr.md".
    const tab = workbench.page.locator('.tabs-container .tab', { hasText: /Preview recipients\.fr\.md/ }).first();
    await tab.waitFor();
    return `${(await tab.textContent()) ?? ''} (from: ${rows.find((r) => r.includes('recipients'))})`;
  });
  check(`none of the ${shown.length} texts shown is one of our ${english.length} English texts`, shown.length > 0);
}

async function runPass(browser: Browser, server: RunningCodeServer, pass: Pass, folder: string, resultFile: string): Promise<void> {
  const workbench = await Workbench.open(browser, server.url, folder);
  try {
    await workbench.answerTrust(pass === 'trusted');
    report(pass, await resultOf(resultFile));
    if (pass === 'trusted') {
      await checkWhatAWriterSees(workbench);
      await checkFrenchInEnglishVsCode(workbench, folder);
    }
    else await step('the untrusted workspace shows Restricted Mode', workbench, () => workbench.page.getByText('Restricted Mode').first().waitFor());
  } finally {
    // Kept with the run's scratch folder when something failed.
    writeFileSync(path.join(path.dirname(resultFile), `${pass}-workbench-console.log`), workbench.console.join('\n'));
    await workbench.close();
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  assertInstalled();
  if (!existsSync(PRODUCT_VSIX)) throw new Error(`${PRODUCT_VSIX} is missing: run npm run package`);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'policy-memo-e2e-'));
  const profile = newProfile(path.join(scratch, 'profile'));
  const folders = { trusted: prepareWorkspace('trusted', scratch), untrusted: prepareWorkspace('untrusted', scratch) };
  const results = { trusted: path.join(scratch, 'trusted.json'), untrusted: path.join(scratch, 'untrusted.json') };
  const harness = packHarness(path.join(scratch, 'harness'), {
    suite: path.join(ROOT, 'out', 'test', 'integration', 'index.js'),
    folders: {
      [path.resolve(folders.trusted)]: { pass: 'trusted', result: results.trusted },
      [path.resolve(folders.untrusted)]: { pass: 'untrusted', result: results.untrusted },
    },
  });

  console.log('Package (policy-memo.vsix as code-server installed it):');
  installExtension(profile, PRODUCT_VSIX);
  installExtension(profile, harness);
  const installed = checkInstalledProduct(profile.extensions);
  check(`holds the bundles, schemas, snippets and docs, and no sources or tests (${installed.files.length} files)`, installed.problems.length === 0, installed.problems.join('\n'));

  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  const stopAll = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  };
  const interrupted = () => void stopAll().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    server = await startCodeServer(profile);
    console.log(`\ncode-server ${server.url} (pid ${server.pid})`);
    browser = await launchBrowser();
    await runPass(browser, server, 'trusted', folders.trusted, results.trusted);
    await runPass(browser, server, 'untrusted', folders.untrusted, results.untrusted);
  } catch (error) {
    check('the e2e run', false, `${error instanceof Error ? error.message : String(error)}${server ? `\ncode-server said:\n${server.log().slice(-3000)}` : ''}`);
  } finally {
    await stopAll();
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
  // Kept when something failed: the workspaces and code-server's logs are in it.
  if (failures.length === 0) rmSync(scratch, { recursive: true, force: true });
  else console.log(`\nkept for inspection: ${scratch}`);

  console.log(`\nIntegration suite in code-server: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  console.log(`e2e: ${failures.length === 0 ? 'passed' : `FAILED (${failures.join('; ')})`} in ${Math.round((Date.now() - started) / 1000)} s`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
