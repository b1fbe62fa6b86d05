/**
 * Lints many files on all cores with worker threads, while the CLI itself stays synchronous: the
 * main thread sleeps on an Atomics counter until a supervisor thread posts the outcome, then
 * collects it with receiveMessageOnPort. The supervisor starts the lint workers and hears their
 * `error` and `exit` events (which a sleeping main thread never would): a worker that throws, exits
 * or ends without its reports stops the others, and the CLI says why instead of waiting forever.
 * Findings are plain data, so they cross threads as they are.
 */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { isMainThread, MessageChannel, MessagePort, parentPort, receiveMessageOnPort, Worker, workerData } from 'node:worker_threads';
import { CheckOptions, compileCustomSchema, Locale } from '../engine';
import type { FileReport } from './format';
import { FileError } from './lint';
import { lintFiles } from './lint-files';

/** Below this many files, starting workers (about 50 ms each) costs more than it saves. */
export const PARALLEL_FROM_FILES = 200;

/** One lint worker's share of the files. */
interface LintJob {
  kind: 'policy-memo-lint';
  files: string[];
  cwd: string;
  locale: Locale;
  /** The custom schema's text, read once by the CLI (a second read of a pipe such as `<(cat s.json)` finds it empty). */
  schemaText?: string;
}

interface SuperviseJob {
  kind: 'policy-memo-supervise';
  jobs: LintJob[];
  /** The lint workers' script: this module, the bundle (dist/cli.js) or the compiled file. */
  script: string;
  port: MessagePort;
  done: Int32Array;
}

type LintOutcome = { reports: FileReport[] } | { error: { id: FileError['id']; file: string; reason: string; refusal?: FileError['refusal'] } };
/** A lint worker that threw (`message`) or ended without its reports (`code`, 0 when it ended quietly). */
type WorkerFailure = { failed: { message: string } | { code: number } };
type Outcome = { reports: FileReport[][] } | Extract<LintOutcome, { error: unknown }> | WorkerFailure;

/** A lint worker failed: no reports, the CLI says why and exits 2. */
export class LintWorkerError extends Error {
  constructor(readonly failure: WorkerFailure['failed']) {
    super('message' in failure ? failure.message : `a lint worker ended with exit code ${failure.code} before sending its reports`);
  }
}

/** Below this many cores, the CLI lints on its own thread unless `--jobs` asks for more. */
export const PARALLEL_FROM_CORES = 3;

/**
 * How many lint workers to use for `files` files (0: the CLI's own thread). `--jobs N` asks for N
 * threads (1: the CLI's own). Without it: one per core from 200 files on, on machines of 3 cores or
 * more. On 2 cores two workers were slower than one thread (`npm run bench`: 841 against 1,100
 * memos/s for 2,000 memos): each loads the bundle and compiles the schema, and the two cores slow each
 * other down (two separate one-thread runs took 1.5 times as long as one alone).
 */
export function workersFor(files: number, jobs?: number): number {
  if (jobs !== undefined) return jobs > 1 && files > 1 ? Math.min(jobs, files) : 0;
  const cores = availableParallelism();
  return files >= PARALLEL_FROM_FILES && cores >= PARALLEL_FROM_CORES ? Math.min(cores, Math.ceil(files / 100)) : 0;
}

/**
 * Lints `files` (without --fix) in `workers` threads; reports come back in the files' order. Throws
 * FileError for a file a worker cannot read, LintWorkerError when a worker fails. `script` is the
 * lint workers' script (this module unless a test supplies a failing one).
 */
export function lintInWorkers(
  files: string[],
  cwd: string,
  locale: Locale,
  schemaText: string | undefined,
  workers: number,
  script: string = __filename,
): FileReport[] {
  const size = Math.ceil(files.length / workers);
  const jobs: LintJob[] = [];
  for (let i = 0; i < workers; i++) jobs.push({ kind: 'policy-memo-lint', files: files.slice(i * size, (i + 1) * size), cwd, locale, schemaText });
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const job: SuperviseJob = { kind: 'policy-memo-supervise', jobs, script, port: port2, done };
  const supervisor = new Worker(__filename, { workerData: job, transferList: [port2] });
  while (Atomics.load(done, 0) === 0) Atomics.wait(done, 0, 0);
  const outcome = receiveMessageOnPort(port1)?.message as Outcome | undefined;
  port1.close();
  void supervisor.terminate();
  if (!outcome) throw new LintWorkerError({ code: 0 });
  if ('failed' in outcome) throw new LintWorkerError(outcome.failed);
  if ('error' in outcome) throw new FileError(outcome.error.id, outcome.error.file, outcome.error.reason, outcome.error.refusal);
  const reports: FileReport[] = [];
  // A broken config file is reported once, before the first memo it applies to; each worker that met it reports it.
  const said = new Set<string>();
  for (const report of outcome.reports.flat()) {
    const key = JSON.stringify(report);
    if (files.includes(path.resolve(cwd, report.file)) || !said.has(key)) reports.push(report);
    said.add(key);
  }
  return reports;
}

/** Runs the lint workers and settles on the first failure (stopping the others), or on all their reports. */
function runWorkers(job: SuperviseJob): Promise<Outcome> {
  return new Promise((resolve) => {
    const workers: Worker[] = [];
    const results: (FileReport[] | undefined)[] = job.jobs.map(() => undefined);
    let left = job.jobs.length;
    let settled = false;
    const fail = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      void Promise.allSettled(workers.map((w) => w.terminate())).then(() => resolve(outcome));
    };
    job.jobs.forEach((lintJob, i) => {
      const worker = new Worker(job.script, { workerData: lintJob });
      workers.push(worker);
      worker.on('message', (outcome: LintOutcome) => {
        if ('error' in outcome) fail(outcome);
        else results[i] = outcome.reports;
      });
      worker.on('error', (error: unknown) => fail({ failed: { message: error instanceof Error ? error.message : String(error) } }));
      worker.on('messageerror', (error: Error) => fail({ failed: { message: error.message } }));
      // Every message a worker posted is emitted before its `exit`.
      worker.on('exit', (code) => {
        if (code !== 0 || results[i] === undefined) fail({ failed: { code } });
        else if (--left === 0 && !settled) {
          settled = true;
          resolve({ reports: results as FileReport[][] });
        }
      });
    });
  });
}

async function supervise(job: SuperviseJob): Promise<void> {
  const wake = () => {
    Atomics.add(job.done, 0, 1);
    Atomics.notify(job.done, 0);
  };
  // Should the supervisor itself end early, the main thread wakes to no outcome rather than sleeping forever.
  process.once('exit', wake);
  let outcome: Outcome;
  try {
    outcome = await runWorkers(job);
  } catch (error) {
    outcome = { failed: { message: error instanceof Error ? error.message : String(error) } };
  }
  job.port.postMessage(outcome);
  process.off('exit', wake);
  wake();
}

function runLintJob(job: LintJob): void {
  let outcome: LintOutcome;
  try {
    const options: CheckOptions = { locale: job.locale };
    if (job.schemaText !== undefined) options.schema = compileCustomSchema(JSON.parse(job.schemaText));
    outcome = { reports: lintFiles(job.files, job.cwd, options, false, job.locale) };
  } catch (error) {
    // Anything else is thrown on: the supervisor hears it as the worker's `error`.
    if (!(error instanceof FileError)) throw error;
    outcome = { error: { id: error.id, file: error.file, reason: error.reason, refusal: error.refusal } };
  }
  parentPort?.postMessage(outcome);
}

const job = isMainThread ? undefined : (workerData as LintJob | SuperviseJob | undefined);
if (job?.kind === 'policy-memo-lint') runLintJob(job);
else if (job?.kind === 'policy-memo-supervise') void supervise(job);
