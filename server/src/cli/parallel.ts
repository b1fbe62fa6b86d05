/**
 * Lints many files on all cores with worker threads, while the CLI itself stays synchronous: the
 * main thread sleeps on an Atomics counter that each worker bumps when its reports are posted, then
 * collects them with receiveMessageOnPort. Findings are plain data, so they cross threads as they are.
 */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { isMainThread, MessageChannel, MessagePort, receiveMessageOnPort, Worker, workerData } from 'node:worker_threads';
import { CheckOptions, compileCustomSchema, Locale } from '../engine';
import type { FileReport } from './format';
import { FileError, readText } from './lint';
import { lintFiles } from './lint-files';

/** Below this many files, starting workers (about 50 ms each) costs more than it saves. */
export const PARALLEL_FROM_FILES = 200;

interface Job {
  kind: 'policy-memo-lint';
  files: string[];
  cwd: string;
  locale: Locale;
  schemaFile?: string;
  port: MessagePort;
  done: Int32Array;
}

type Outcome = { reports: FileReport[] } | { error: { id: FileError['id']; file: string; reason: string; refusal?: FileError['refusal'] } };

/** How many workers to use for `files` files: one per core, none for few files or one core. */
export function workersFor(files: number): number {
  const cores = availableParallelism();
  return files >= PARALLEL_FROM_FILES && cores > 1 ? Math.min(cores, Math.ceil(files / 100)) : 0;
}

/** Lints `files` (without --fix) in `workers` threads; reports come back in the files' order. */
export function lintInWorkers(files: string[], cwd: string, locale: Locale, schemaFile: string | undefined, workers: number): FileReport[] {
  const done = new Int32Array(new SharedArrayBuffer(4));
  const size = Math.ceil(files.length / workers);
  const running: { worker: Worker; port: MessagePort }[] = [];
  for (let i = 0; i < workers; i++) {
    const { port1, port2 } = new MessageChannel();
    const job: Job = { kind: 'policy-memo-lint', files: files.slice(i * size, (i + 1) * size), cwd, locale, schemaFile, port: port2, done };
    // This module is its own worker script: the bundle (dist/cli.js) or the compiled file.
    running.push({ worker: new Worker(__filename, { workerData: job, transferList: [port2] }), port: port1 });
  }
  for (let finished = Atomics.load(done, 0); finished < workers; finished = Atomics.load(done, 0)) Atomics.wait(done, 0, finished);
  const reports: FileReport[] = [];
  // A broken config file is reported once, before the first memo it applies to; each worker that met it reports it.
  const said = new Set<string>();
  for (const { worker, port } of running) {
    const outcome = receiveMessageOnPort(port)?.message as Outcome | undefined;
    port.close();
    void worker.terminate();
    if (!outcome) throw new Error('a lint worker ended without its reports');
    if ('error' in outcome) throw new FileError(outcome.error.id, outcome.error.file, outcome.error.reason, outcome.error.refusal);
    for (const report of outcome.reports) {
      const key = JSON.stringify(report);
      if (files.includes(path.resolve(cwd, report.file)) || !said.has(key)) reports.push(report);
      said.add(key);
    }
  }
  return reports;
}

function runJob(job: Job): void {
  let outcome: Outcome;
  try {
    const options: CheckOptions = { locale: job.locale };
    if (job.schemaFile) options.schema = compileCustomSchema(JSON.parse(readText(job.schemaFile)));
    outcome = { reports: lintFiles(job.files, job.cwd, options, false, job.locale) };
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    outcome = { error: { id: error.id, file: error.file, reason: error.reason, refusal: error.refusal } };
  }
  job.port.postMessage(outcome);
  Atomics.add(job.done, 0, 1);
  Atomics.notify(job.done, 0);
}

if (!isMainThread && (workerData as Job | undefined)?.kind === 'policy-memo-lint') runJob(workerData as Job);
