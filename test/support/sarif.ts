import { readFileSync } from 'node:fs';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { fixture } from './memo';

let compiled: ValidateFunction | undefined;

/** The OASIS SARIF 2.1.0 schema (test/fixtures/sarif/README.md says where it comes from), draft-04, compiled once with ajv. */
export function sarifValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv04({ allErrors: true, strict: false });
    addFormats(ajv);
    compiled = ajv.compile(JSON.parse(readFileSync(fixture('sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as object);
  }
  return compiled;
}
