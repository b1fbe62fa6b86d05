/**
 * The writer's steps the desktop e2e (run.ts) and the web e2e (run-web.ts) share: what a writer does
 * with the test workspace's broken and reference memos, the same in both extension hosts. Each runner
 * passes its own `step`, which records failures with a screenshot.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { UI_LIMIT_MS, Workbench } from './workbench';

export type Step = (name: string, workbench: Workbench, action: () => Promise<string | void>) => Promise<void>;

/** The broken memo's three problems in the Problems panel. */
export function brokenMemoProblems(step: Step, workbench: Workbench, name: string): Promise<void> {
  return step(name, workbench, async () => {
    await workbench.openFile('broken.memo.md');
    const rows = await workbench.problemsOf('broken.memo.md', 3);
    for (const rule of ['recipients', 'schema', 'date-format']) {
      // A row reads "message policy-memo(rule) [Ln 1, Col 1]"; its text content drops the brackets.
      if (!rows.some((r) => r.includes(`policy-memo${rule}[`))) throw new Error(`no ${rule} problem in: ${rows.join(' | ')}`);
    }
    return rows.map((r) => r.replace(/policy-memo([\w-]+)\[/, ' policy-memo($1) [')).join(' | ');
  });
}

/** Ctrl+. on the broken memo's hand-written date, and the fix applied. */
export function dateQuickFix(step: Step, workbench: Workbench): Promise<void> {
  return step('Ctrl+. on the hand-written date offers the fix, and applying it rewrites the date', workbench, async () => {
    await workbench.openFile('broken.memo.md');
    const line = (await workbench.editorText()).split('\n').findIndex((l) => l.startsWith('date: June 11, 2021'));
    if (line < 0) throw new Error('the date line is not on screen');
    await workbench.goTo(line + 1, 10);
    const offered = await workbench.quickFix('Write the date as 2021-06-11');
    await workbench.waitForEditorText('date: 2021-06-11');
    await workbench.problemsOf('broken.memo.md', 2);
    return `offered: ${offered.join(' | ')}`;
  });
}

/** The memo preview beside the reference memo, with a screenshot of the two saved as `screenshot` (under test-output/). */
export function referencePreview(step: Step, workbench: Workbench, root: string, screenshot: string): Promise<void> {
  return step('the preview beside the reference memo shows NOTE DE SERVICE', workbench, async () => {
    await workbench.runCommand('View: Hide Panel');
    await workbench.openFile('reference.memo.md');
    await workbench.runCommand('Policy Memo: Open Preview to the Side');
    await workbench.webview().getByText('NOTE DE SERVICE').first().waitFor({ timeout: UI_LIMIT_MS });
    const file = path.join(root, 'test-output', screenshot);
    mkdirSync(path.dirname(file), { recursive: true });
    await workbench.screenshot(file);
    return `screenshot: test-output/${screenshot}`;
  });
}
