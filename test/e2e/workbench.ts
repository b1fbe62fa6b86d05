/** Driving the VS Code workbench served by code-server the way a person does: keys, menus, panels. */
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium';

/** How long one UI step may take (the workbench is slow to start on a 2-core machine). */
export const UI_LIMIT_MS = 60_000;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export class Workbench {
  /** The workbench's console errors and warnings, for the report when a step fails. */
  readonly console: string[] = [];

  private constructor(readonly page: Page) {
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') this.console.push(`[${message.type()}] ${message.text()}`);
    });
  }

  /** Opens a folder in a new browser page and waits for the workbench. */
  static async open(browser: Browser, url: string, folder: string): Promise<Workbench> {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    page.setDefaultTimeout(UI_LIMIT_MS);
    await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await page.locator('.monaco-workbench').waitFor();
    return new Workbench(page);
  }

  /** Answers the workspace-trust dialog shown when the folder opens. */
  async answerTrust(trust: boolean): Promise<void> {
    const answer = trust ? 'Yes, I trust the authors' : "No, I don't trust the authors";
    await this.page.getByRole('button', { name: answer }).click();
    await this.page.locator('.monaco-dialog-box').waitFor({ state: 'detached' });
  }

  /** The editor area, where typing goes. */
  editor(): Locator {
    return this.page.locator('.editor-instance .monaco-editor').first();
  }

  /** Quick Open (Ctrl+P): opens a workspace file by name and waits for its tab. */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(name);
    await this.pickFocused(name);
    // By the tab's resource, not its text: a preview beside it, once it follows, is titled "Preview: <name>" too.
    await this.page.locator(`.tabs-container .tab.active[data-resource-name="${name}"]`).waitFor();
    await this.editor().click({ position: { x: 200, y: 10 } });
  }

  /**
   * Accepts the quick input's first entry once the typed filter has made it `text`: before the list
   * has filtered, the first entry is still a recently opened one.
   */
  private async pickFocused(text: string): Promise<void> {
    const rows = this.page.locator('.quick-input-list .monaco-list-row');
    await this.focusRow(rows, rows.filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(text)}$`) }) }).first());
    await this.page.keyboard.press('Enter');
  }

  /** Moves a list's focus with the arrow keys, as a person does, until `target` has it. */
  private async focusRow(rows: Locator, target: Locator): Promise<void> {
    await target.waitFor();
    const count = await rows.count();
    for (let i = 0; i < count && !(await target.evaluate((row) => row.classList.contains('focused'))); i++) {
      await this.page.keyboard.press('ArrowDown');
    }
    await target.and(this.page.locator('.focused')).waitFor();
  }

  /** Runs a command from the command palette (Ctrl+Shift+P) by its title. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('Control+Shift+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.pickFocused(title);
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Runs a command from the command palette and leaves its own quick picks open, to be read and answered with `pick`. */
  async runCommandKeepingPicks(title: string): Promise<void> {
    await this.page.keyboard.press('Control+Shift+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.pickFocused(title);
  }

  /** Answers the open quick pick with its entry named `answer` exactly. */
  async pick(answer: string): Promise<void> {
    await this.page.locator('.quick-input-list .label-name', { hasText: new RegExp(`^${escapeRegExp(answer)}$`) }).first().waitFor();
    await this.pickFocused(answer);
  }

  /** Runs a command that asks questions of its own in quick picks, and answers them with `answers`, in order. */
  async runCommandAnswering(title: string, ...answers: string[]): Promise<void> {
    await this.page.keyboard.press('Control+Shift+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.pickFocused(title);
    for (const answer of answers) {
      // The command's own picks replace the palette, one after the other: the entry named `answer` exactly.
      await this.page.locator('.quick-input-list .label-name', { hasText: new RegExp(`^${escapeRegExp(answer)}$`) }).first().waitFor();
      await this.pickFocused(answer);
    }
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /**
   * Opens the Problems panel, unfiltered (an untitled file does not match a path filter), and returns
   * the problem rows once one of them has `text`.
   */
  async problemsWith(text: string): Promise<string[]> {
    await this.page.keyboard.press('Control+Shift+M');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor();
    await this.page.locator('.markers-panel-action-filter input, .viewpane-filter input').first().fill('');
    const problems = panel.locator('.monaco-list-row[aria-level="2"]');
    await problems.filter({ hasText: text }).first().waitFor();
    return problems.allTextContents();
  }

  /** Go to Line/Column (Ctrl+G), both 1-based as shown in the status bar. */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** The text of the visible editor lines (Monaco renders spaces as no-break spaces). */
  async editorText(): Promise<string> {
    const lines = await this.editor().locator('.view-lines .view-line').allTextContents();
    return lines.map((l) => l.replace(/\u00a0/g, ' ')).join('\n');
  }

  /** Waits until the visible editor text contains `text`. */
  async waitForEditorText(text: string): Promise<void> {
    await this.editor().locator('.view-lines', { hasText: text }).waitFor();
  }

  /**
   * Opens the Problems panel (Ctrl+Shift+M), filtered to one file, and returns the problem rows' text
   * once there are `count` of them.
   */
  async problemsOf(file: string, count: number): Promise<string[]> {
    await this.page.keyboard.press('Control+Shift+M');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor();
    const filter = this.page.locator('.markers-panel-action-filter input, .viewpane-filter input').first();
    await filter.fill(`**/${file}`);
    const problems = panel.locator('.monaco-list-row[aria-level="2"]');
    await problems.nth(count - 1).waitFor();
    await problems.nth(count).waitFor({ state: 'detached' });
    return problems.allTextContents();
  }

  /** Quick Fix (Ctrl+.) at the cursor: the offered actions' titles, then the chosen one applied. */
  async quickFix(choose: string): Promise<string[]> {
    await this.editor().locator('textarea').press('Control+.');
    const menu = this.page.locator('.action-widget');
    await menu.locator('.monaco-list-row').first().waitFor();
    const offered = await menu.locator('.monaco-list-row.action').allTextContents();
    // Chosen with the keyboard, as the menu expects (it blocks pointer events while it opens).
    await this.focusRow(menu.locator('.monaco-list-row.action'), menu.locator('.monaco-list-row.action', { hasText: choose }).first());
    await this.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden' });
    return offered;
  }

  /** The content of the active webview (webviews are an iframe holding the content's iframe). */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
  }

  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file });
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
