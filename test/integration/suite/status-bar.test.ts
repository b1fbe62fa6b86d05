import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnosticsWhen, memoUri, openMemo, statusBarWhen, withWorkspaceSetting, workspaceFolder } from '../helpers';

// What the status bar item's tooltip says applied to a memo (server/src/engine/messages.ts, summary.*),
// case by case: the schema, the .policy-memo/ folder, the size limit, and in French.

const NO_LISTS = 'Workspace lists: none (no .policy-memo/ folder), so the defaults apply.';
const AS_YOU_TYPE = 'Checked as you type (setting policyMemo.run: onType).';
/** policyMemo.maxFileSize's minimum: 0.1 MB, 104,858 characters. */
const SMALL_LIMIT_MB = 0.1;
const SMALL_LIMIT_LENGTH = SMALL_LIMIT_MB * 1024 * 1024;
const LARGE = `Checked on open and save only: the memo is larger than policyMemo.maxFileSize (${SMALL_LIMIT_MB} MB).`;

const encoder = new TextEncoder();

/** The test workspace's clean English memo, with its body repeated until the memo has at least `length` characters. */
async function memoOfLength(length: number): Promise<string> {
  const memo = new TextDecoder().decode(await vscode.workspace.fs.readFile(memoUri('on-type.memo.md')));
  const paragraph = '\nPlease confirm your winter plans by the end of the month.\n';
  return memo + paragraph.repeat(Math.ceil(Math.max(0, length - memo.length) / paragraph.length));
}

/** The lines of a tooltip's list ("- …"), without their bullets. */
const linesOf = (tooltip: string) => tooltip.split('\n').filter((line) => line.startsWith('- ')).map((line) => line.slice(2));

describe('the status bar: what applied to this memo, and why', () => {
  const large = memoUri('large.memo.md');

  before(async () => {
    // A hand-written date: one problem, found when the memo is opened, large as it is.
    await vscode.workspace.fs.writeFile(large, encoder.encode((await memoOfLength(SMALL_LIMIT_LENGTH + 10_000)).replace('2021-06-11', 'June 11, 2021')));
  });
  after(async () => {
    await vscode.workspace.fs.delete(large);
  });
  afterEach(async () => {
    // The large-file notice (shown once per memo) would stay over the status bar for the steps after the suite.
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('names the .policy-memo/ folder a memo uses, and says when there is none', async () => {
    const lists = path.join(workspaceFolder().uri.fsPath, 'lists', '.policy-memo');
    await openMemo('lists/listed.memo.md');
    const listed = await statusBarWhen((_, tip) => tip.includes('Workspace lists:'), 'the workspace lists of lists/listed.memo.md');
    assert.ok(linesOf(listed.tooltip).includes(`Workspace lists: \`${lists}\`.`), listed.tooltip);
    // Its config.yaml was read, not only found: it sets the typography.
    assert.ok(linesOf(listed.tooltip).includes('Typography: French of France (typography: france).'), listed.tooltip);

    await openMemo('on-type.memo.md');
    const none = await statusBarWhen((_, tip) => tip.includes(NO_LISTS), 'no workspace lists for on-type.memo.md');
    assert.ok(!none.tooltip.includes('.policy-memo`'), none.tooltip);
    assert.ok(linesOf(none.tooltip).includes('Typography: Canadian French (typography: canada).'), none.tooltip);
  });

  it('says a memo larger than policyMemo.maxFileSize is checked on open and save only, and follows the setting back', async () => {
    await withWorkspaceSetting('policyMemo.maxFileSize', SMALL_LIMIT_MB, async () => {
      await openMemo('large.memo.md');
      // Checked on open all the same: the item counts its problem.
      await diagnosticsWhen(large, (ds) => ds.length === 1, 'the large memo\u2019s date problem');
      const shown = await statusBarWhen((text, tip) => text.endsWith(': 1') && tip.includes(LARGE), 'one problem and the large-file line');
      assert.equal(shown.text, '$(warning) Policy Memo: 1');
      assert.ok(!shown.tooltip.includes(AS_YOU_TYPE), shown.tooltip);
    });
    await statusBarWhen((_, tip) => tip.includes(AS_YOU_TYPE), 'as you type again, with the default limit');
  });

  it('says so when an edit takes the memo below policyMemo.maxFileSize, and when one takes it back above', async () => {
    await withWorkspaceSetting('policyMemo.maxFileSize', SMALL_LIMIT_MB, async () => {
      const editor = await openMemo('large.memo.md');
      await statusBarWhen((_, tip) => tip.includes(LARGE), 'the large-file line');
      // 20,000 characters of the body deleted: 10,000 below the limit, checked as the writer types again.
      const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
      const cut = new vscode.Range(editor.document.positionAt(editor.document.offsetAt(end) - 20_000), end);
      const removed = editor.document.getText(cut);
      assert.ok(await editor.edit((edit) => edit.delete(cut)), 'the deletion was applied');
      assert.ok(editor.document.getText().length < SMALL_LIMIT_LENGTH);
      await statusBarWhen((_, tip) => tip.includes(AS_YOU_TYPE), 'as you type, below the limit');
      // Put back: above it again, so on open and save only.
      assert.ok(await editor.edit((edit) => edit.insert(cut.start, removed)), 'the text was put back');
      assert.ok(editor.document.getText().length > SMALL_LIMIT_LENGTH);
      await statusBarWhen((_, tip) => tip.includes(LARGE), 'the large-file line after the undo');
    });
  });

  it('in French with policyMemo.locale: fr, says it all in French', async () => {
    await withWorkspaceSetting('policyMemo.maxFileSize', SMALL_LIMIT_MB, () =>
      withWorkspaceSetting('policyMemo.locale', 'fr', async () => {
        await openMemo('large.memo.md');
        await diagnosticsWhen(large, (ds) => ds.length === 1, 'the large memo\u2019s date problem');
        const shown = await statusBarWhen((text, tip) => text.endsWith(': 1') && tip.includes('Ce qui s\u2019applique'), 'one problem and the French summary');
        // French typography in the item's own text too: a no-break space before the colon.
        assert.equal(shown.text, '$(warning) Policy Memo\u00a0: 1');
        assert.equal(shown.tooltip.split('\n')[0], '**Ce qui s\u2019applique à cette note**');
        assert.deepEqual(linesOf(shown.tooltip), [
          'Schéma\u00a0: le schéma de note intégré.',
          'Listes de l\u2019espace de travail\u00a0: aucune (pas de dossier .policy-memo/); les valeurs par défaut s\u2019appliquent.',
          'Typographie\u00a0: française du Canada (typography\u00a0: canada).',
          'Messages\u00a0: en français (paramètre policyMemo.locale\u00a0: fr).',
          'Vérifiée à l\u2019ouverture et à l\u2019enregistrement seulement\u00a0: la note dépasse policyMemo.maxFileSize (0,1\u00a0Mo).',
        ]);
        assert.equal(shown.accessibilityLabel, 'Policy Memo. Problèmes dans cette note\u00a0: 1');
      }),
    );
    const english = await statusBarWhen((_, tip) => tip.includes('What applies to this memo'), 'the English summary again');
    assert.ok(linesOf(english.tooltip).includes('Messages: in English (setting policyMemo.locale: en).'), english.tooltip);
  });

  it('counts the problems, and its click runs the command that offers what to do about them', async () => {
    // Under the default limit (2 MB), the large memo is a memo like any other, with its date problem.
    await openMemo('large.memo.md');
    const problems = await diagnosticsWhen(large, (ds) => ds.length > 0, 'the date problem');
    const shown = await statusBarWhen((text, tip) => text.endsWith(`: ${problems.length}`) && tip.includes('Schema:'), `${problems.length} problem(s) and the summary`);
    assert.equal(shown.text, `$(warning) Policy Memo: ${problems.length}`);
    assert.equal(shown.accessibilityLabel, `Policy Memo. Problems in this memo: ${problems.length}`);
    // The quick pick itself is clicked open in the e2e run (test/e2e/run.ts), which sees the workbench.
    assert.equal(shown.command, 'policyMemo.showStatus');
    assert.ok((await vscode.commands.getCommands(true)).includes('policyMemo.showStatus'), 'the command is registered');
  });

  it('names the custom schema of a trusted workspace', async () => {
    await withWorkspaceSetting('policyMemo.schema', 'custom.schema.json', async () => {
      await openMemo('custom-schema.memo.md');
      const shown = await statusBarWhen((_, tip) => tip.includes('Schema: the custom'), 'the custom schema');
      assert.ok(linesOf(shown.tooltip).includes('Schema: the custom schema `custom.schema.json` (setting policyMemo.schema).'), shown.tooltip);
    });
  });
});

// Runs only in the untrusted pass: its workspace sets policyMemo.schema in .vscode/settings.json, which
// VS Code hides from extensions there (a restricted setting); the client reads it to say it is ignored.
describe('[untrusted] the status bar in an untrusted workspace', () => {
  it('says the custom schema is ignored because the workspace is not trusted', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this pass must run in an untrusted workspace');
    await openMemo('custom-schema.memo.md');
    const shown = await statusBarWhen((_, tip) => tip.includes('Schema:'), 'the schema line');
    assert.ok(linesOf(shown.tooltip).includes('Schema: the built-in one. The custom schema `custom.schema.json` is ignored: this workspace is not trusted.'), shown.tooltip);
  });

  it('follows an edit of .vscode/settings.json (VS Code says nothing of restricted settings there)', async () => {
    const settings = vscode.Uri.joinPath(workspaceFolder().uri, '.vscode', 'settings.json');
    const before = await vscode.workspace.fs.readFile(settings);
    const edited = { ...(JSON.parse(new TextDecoder().decode(before)) as Record<string, unknown>), 'policyMemo.schema': 'other.schema.json' };
    await openMemo('custom-schema.memo.md');
    await statusBarWhen((_, tip) => tip.includes('`custom.schema.json`'), 'the schema as the workspace sets it');
    try {
      await vscode.workspace.fs.writeFile(settings, new TextEncoder().encode(JSON.stringify(edited, null, 2)));
      const shown = await statusBarWhen((_, tip) => tip.includes('`other.schema.json`'), 'the schema as edited');
      assert.ok(linesOf(shown.tooltip).includes('Schema: the built-in one. The custom schema `other.schema.json` is ignored: this workspace is not trusted.'), shown.tooltip);
      // The same setting written as a nested object, as some writers do.
      const nested = { ...edited, 'policyMemo.schema': undefined, policyMemo: { schema: 'nested.schema.json' } };
      await vscode.workspace.fs.writeFile(settings, new TextEncoder().encode(JSON.stringify(nested, null, 2)));
      await statusBarWhen((_, tip) => tip.includes('The custom schema `nested.schema.json` is ignored'), 'the schema written as a nested object');
    } finally {
      await vscode.workspace.fs.writeFile(settings, before);
    }
    await statusBarWhen((_, tip) => tip.includes('`custom.schema.json`'), 'the schema as it was');
  });
});
