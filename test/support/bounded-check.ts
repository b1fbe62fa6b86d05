/**
 * Runs a check in a worker thread under a time and memory limit, as markdown-it's pathological tests
 * do: a check that is quadratic or worse on a hostile memo fails the test by running out of its
 * limits, and the main suite never makes a timed assertion or waits on a hung check.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Locale, MemoKind } from '../../server/src/engine';

export interface BoundedCheckInput {
  text: string;
  kind: MemoKind;
  locale?: Locale;
  /** A custom schema, compiled in the worker. */
  schema?: object;
}

/** What the worker sends back: each finding's rule, message, first line and related places' lines. */
export interface BoundedFinding {
  rule: string;
  message: string;
  line: number;
  related: number[];
}

export interface Limits {
  ms: number;
  /** The worker's heap limit. */
  mb?: number;
}

/** The findings of the check, or a rejection when it breaks its time or memory limit. */
export function checkBounded(input: BoundedCheckInput, limits: Limits): Promise<BoundedFinding[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'bounded-check-worker.js'), {
      workerData: input,
      resourceLimits: limits.mb ? { maxOldGenerationSizeMb: limits.mb } : undefined,
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`the check took longer than ${limits.ms} ms`));
    }, limits.ms);
    worker.once('message', (findings: BoundedFinding[]) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(findings);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the check's worker exited (${code})`));
    });
  });
}
