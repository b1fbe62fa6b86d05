/** The worker side of checkBounded: one check, its findings posted back. */
import { parentPort, workerData } from 'node:worker_threads';
import { checkMemo, compileCustomSchema } from '../../server/src/engine';
import type { BoundedCheckInput, BoundedFinding } from './bounded-check';

const input = workerData as BoundedCheckInput;
const schema = input.schema ? compileCustomSchema(input.schema) : undefined;
const { findings } = checkMemo(input.text, input.kind, { locale: input.locale, schema });
const summary: BoundedFinding[] = findings.map((f) => ({
  rule: f.rule,
  message: f.message,
  line: f.range.start.line,
  related: (f.related ?? []).map((r) => r.range.start.line),
}));
parentPort?.postMessage(summary);
