import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { Diagnostic, DocumentDiagnosticReport, WorkspaceDiagnosticRequest, WorkspaceDiagnosticReportPartialResult } from 'vscode-languageserver-protocol';
import { checkMemo } from '../../../server/src/engine';
import { nodeRuntime } from '../../../server/src/lsp/node-runtime';
import type { ServerRuntime } from '../../../server/src/lsp/server';
import { InMemoryClient } from '../../support/in-memory-server';
import { fixture } from '../../support/memo';
import { scratchDir } from '../../support/scratch';

const GOOD = readFileSync(fixture('..', '..', 'examples', 'winter-readiness.en.memo.md'), 'utf8').replace(/^translation: .*\n/m, '');
/** What a file may hold: a memo with no problem, one with a hand-written date, one with an unknown key. */
const TEXTS = [GOOD, GOOD.replace(/^date: .*$/m, 'date: February 10, 2026'), GOOD.replace(/^date: /m, 'referense: x\ndate: ')];
const FILES = 3;

type Step =
  | { op: 'write'; file: number; text: number }
  | { op: 'delete'; file: number }
  /** Several files written at once and told in one event, as a git checkout does. */
  | { op: 'checkout'; texts: (number | null)[] }
  | { op: 'open'; file: number }
  | { op: 'close'; file: number }
  | { op: 'check' }
  /** The test lets the server run a while (turns of the event loop) before its next step. */
  | { op: 'wait'; turns: number };
const textArb = fc.nat(TEXTS.length - 1);
const fileArb = fc.nat(FILES - 1);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('write' as const), file: fileArb, text: textArb }),
  fc.record({ op: fc.constant('delete' as const), file: fileArb }),
  fc.record({ op: fc.constant('checkout' as const), texts: fc.array(fc.option(textArb), { minLength: FILES, maxLength: FILES }) }),
  fc.record({ op: fc.constant('open' as const), file: fileArb }),
  fc.record({ op: fc.constant('close' as const), file: fileArb }),
  fc.record({ op: fc.constant('check' as const) }),
  fc.record({ op: fc.constant('wait' as const), turns: fc.nat(40) }),
);

const shown = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character} ${d.message}`);
/** What a fresh engine check of the text gives, as `shown` writes diagnostics. */
const expected = (text: string) => checkMemo(text, 'markdown').findings.map((f) => `${f.rule} ${f.range.start.line}:${f.range.start.character} ${f.message}`);

/** The Node runtime with reads and listings that take some turns of the event loop first, as the web's (asked of the client) do. */
function slowRuntime(slowness: readonly number[]): Partial<ServerRuntime> {
  const base = nodeRuntime();
  let asked = 0;
  const later = async () => {
    for (let turns = slowness[asked++ % slowness.length]; turns > 0; turns--) await new Promise((resolve) => setImmediate(resolve));
  };
  return {
    readFile: async (file, limits) => (await later(), base.readFile(file, limits)),
    isFolder: async (folder) => (await later(), base.isFolder(folder)),
    // Slow on both sides, as a search the client runs: the folder may change after it was listed.
    listMemoFiles: async (folder, options) => {
      await later();
      const listed = await base.listMemoFiles!(folder, options);
      await later();
      return listed;
    },
  };
}

/**
 * What a lost publication looks like here: a wait that never ends. Bounded (far above the few
 * milliseconds a run takes), it fails the run with its steps rather than the whole test.
 */
async function withinBound<T>(waited: Promise<T>, failure: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(failure())), 5000)));
  try {
    return await Promise.race([waited, bound]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The workspace check follows closed memos on disk while the writer (or git) changes them: random
 * writes, deletes and checkouts, each told by a watched-files event, memos opened and closed in the
 * editor, and workspace checks running at the same time, none awaited before the next step, with
 * reads that take varying turns of the event loop. However they interleave, an open memo's last
 * diagnostics are those of its editor text, a closed one's those of its file now on disk, and a
 * deleted one has none: pushed (publishDiagnostics), or pulled as VS Code does (open memos asked
 * for, closed ones streamed on the workspace request).
 */
/** Where a client sees a memo's diagnostics: pushed to it, or pulled as VS Code does. */
interface Seen {
  /** A memo closed in the editor: VS Code drops the diagnostics it pulled for it. */
  closed(uri: string): void;
  /** Resolves once what the client shows for the memo passes `test` (its editor's last version, if open). */
  until(uri: string, isOpen: boolean, test: (d: readonly Diagnostic[]) => boolean): Promise<void>;
  /** What the client shows for the memo now. */
  now(uri: string, isOpen: boolean): Promise<readonly Diagnostic[]>;
  /** Resolves once the client was told of each of these closed memos (pulled reports come a moment after the check). */
  told(uris: readonly string[]): Promise<void>;
}

const PUSHED = { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } };
const PULLED = {
  textDocument: { diagnostic: { dynamicRegistration: false } },
  workspace: { configuration: true, diagnostics: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
};

function pushed(client: InMemoryClient): Seen {
  return {
    closed: () => undefined,
    until: async (uri, isOpen, test) => {
      // A memo never published shows none.
      if (!isOpen && client.lastPublished(uri) === undefined && test([])) return;
      await client.diagnostics(uri, (d) => (!isOpen || client.upToDate(uri)) && test(d));
    },
    now: async (uri) => client.lastPublished(uri) ?? [],
    told: async (uris) => {
      await Promise.all(uris.map((uri) => client.until(() => client.lastPublished(uri))));
    },
  };
}

/**
 * VS Code's way: the closed memos' reports stream in on one workspace request held open (those of
 * open memos are not shown: the editor pulls theirs), and an open memo's are asked for.
 */
function pulled(client: InMemoryClient, isOpen: (uri: string) => boolean): Seen {
  const shownNow = new Map<string, readonly Diagnostic[]>();
  let waiters: (() => boolean)[] = [];
  const shownWhen = (probe: () => boolean) =>
    new Promise<void>((resolve) => {
      const done = () => probe() && (resolve(), true);
      if (!done()) waiters.push(done);
    });
  client.connection.onRequest('workspace/diagnostic/refresh', () => null);
  client.connection.onProgress(WorkspaceDiagnosticRequest.partialResult, 'workspace', (partial: WorkspaceDiagnosticReportPartialResult) => {
    for (const report of partial.items) if (report.kind === 'full' && !isOpen(report.uri)) shownNow.set(report.uri, report.items);
    waiters = waiters.filter((w) => !w());
  });
  void client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [], partialResultToken: 'workspace' }).catch(() => undefined);
  const pull = async (uri: string) => {
    const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
    return report.kind === 'full' ? report.items : [];
  };
  return {
    closed: (uri) => shownNow.delete(uri),
    until: async (uri, open, test) => {
      if (open) {
        assert.ok(test(await pull(uri)));
        return;
      }
      await shownWhen(() => test(shownNow.get(uri) ?? []));
    },
    now: async (uri, open) => (open ? pull(uri) : (shownNow.get(uri) ?? [])),
    told: (uris) => shownWhen(() => uris.every((uri) => shownNow.has(uri))),
  };
}

describe('the workspace check under files changing while it runs (random steps, the server in this process)', function () {
  this.timeout(120_000);
  for (const way of ['pushed', 'pulled'] as const) {
    it(`leaves every memo with the diagnostics of its text as it now is (${way})`, () => racing(way));
  }
});

async function racing(way: 'pushed' | 'pulled'): Promise<void> {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.option(fc.nat(TEXTS.length - 1)), { minLength: FILES, maxLength: FILES }),
      fc.array(stepArb, { minLength: 1, maxLength: 14 }),
      fc.array(fc.nat(30), { minLength: 1, maxLength: 8 }),
      async (initial, steps, slowness) => {
        const ws = scratchDir(`policy-memo-races-${run++}`);
        const file = (i: number) => path.join(ws, `m${i}.memo.md`);
        const uri = (i: number) => pathToFileURL(file(i)).toString();
        initial.forEach((text, i) => text !== null && writeFileSync(file(i), TEXTS[text]));
        const client = new InMemoryClient(slowRuntime(slowness));
        /** The open memos' editor texts. */
        const open = new Map<number, string>();
        const isOpen = (u: string) => [...open.keys()].some((i) => uri(i) === u);
        try {
          await client.initialize(way === 'pushed' ? PUSHED : PULLED, {
            workspaceFolders: [{ uri: pathToFileURL(ws).toString(), name: 'ws' }],
            initializationOptions: { trusted: true },
          });
          const seen = way === 'pushed' ? pushed(client) : pulled(client, isOpen);
          const checkWorkspace = () => client.connection.sendRequest('policyMemo/checkWorkspace', { exclude: [] });
          await checkWorkspace();
          // Told of every memo first: a memo shown nothing yet would pass for one without problems.
          await seen.told(initial.flatMap((text, i) => (text === null ? [] : [uri(i)])));
          const running: Promise<unknown>[] = [];
          /** Writes (or deletes, with null) a file on disk: an open memo unchanged in the editor follows it, as VS Code's do. */
          const put = (i: number, text: number | null) => {
            const existed = existsSync(file(i));
            if (text === null) {
              if (!existed) return [];
              rmSync(file(i));
            } else {
              writeFileSync(file(i), TEXTS[text]);
              if (open.has(i)) {
                open.set(i, TEXTS[text]);
                client.change(uri(i), TEXTS[text]);
              }
            }
            return [{ uri: uri(i), type: text === null ? 3 : existed ? 2 : 1 }];
          };
          const tell = (changes: { uri: string; type: number }[]) =>
            changes.length > 0 && void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
          for (const step of steps) {
            if (step.op === 'wait') for (let turn = 0; turn < step.turns; turn++) await new Promise((resolve) => setImmediate(resolve));
            else if (step.op === 'check') running.push(checkWorkspace());
            else if (step.op === 'write') tell(put(step.file, step.text));
            else if (step.op === 'delete') tell(put(step.file, null));
            else if (step.op === 'checkout') tell(step.texts.flatMap((text, i) => put(i, text)));
            else if (step.op === 'open' && !open.has(step.file) && existsSync(file(step.file))) {
              open.set(step.file, readFileSync(file(step.file), 'utf8'));
              client.open(uri(step.file), open.get(step.file) ?? '');
            } else if (step.op === 'close' && open.delete(step.file)) {
              seen.closed(uri(step.file));
              void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(step.file) } });
            }
          }
          await Promise.all(running);
          const wanted = (i: number) => {
            const text = open.get(i) ?? (existsSync(file(i)) ? readFileSync(file(i), 'utf8') : undefined);
            return text === undefined ? [] : expected(text);
          };
          const same = (i: number) => (d: readonly Diagnostic[]) => JSON.stringify(shown(d)) === JSON.stringify(wanted(i));
          // Each memo's diagnostics come to match its text (waited on as they come)...
          for (let i = 0; i < FILES; i++) {
            await withinBound(seen.until(uri(i), open.has(i), same(i)), () => `m${i}.memo.md never showed the diagnostics of its text`);
          }
          // ...and stay so: nothing stale arrives before a last check that finds nothing changed has
          // answered, and a memo written after it has been shown (what was sent before it, was shown before it).
          await checkWorkspace();
          const last = path.join(ws, 'last.memo.md');
          writeFileSync(last, TEXTS[1]);
          tell([{ uri: pathToFileURL(last).toString(), type: 1 }]);
          await withinBound(seen.until(pathToFileURL(last).toString(), false, (d) => JSON.stringify(shown(d)) === JSON.stringify(expected(TEXTS[1]))), () => 'last.memo.md was never shown');
          for (let i = 0; i < FILES; i++) assert.deepEqual(shown(await seen.now(uri(i), open.has(i))), wanted(i), `m${i}.memo.md: what it shows last`);
        } finally {
          client.stop();
          rmSync(ws, { recursive: true, force: true });
        }
      },
    ),
    // A failing run is reported as it is (with its steps), not shrunk: each failing try waits out the bound.
    { numRuns: 60, endOnFailure: true },
  );
}
