import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { patternHazard, vetSchema } from '../../../server/src/engine/schema-guard';

const SCHEMAS = path.join(__dirname, '../../../../schemas');

/** Every `pattern` and `patternProperties` key of a schema, with where it is. */
function patternsOf(value: unknown, where: string, found: [string, string][] = []): [string, string][] {
  if (typeof value !== 'object' || value === null) return found;
  const object = value as Record<string, unknown>;
  if (!Array.isArray(value)) {
    if (typeof object.pattern === 'string') found.push([where, object.pattern]);
    if (typeof object.patternProperties === 'object' && object.patternProperties !== null) {
      for (const key of Object.keys(object.patternProperties)) found.push([`${where}/patternProperties`, key]);
    }
  }
  for (const [key, child] of Object.entries(object)) patternsOf(child, `${where}/${key}`, found);
  return found;
}

describe('the built-in schemas (schemas/*.json) pass the custom-schema guard', () => {
  const files = readdirSync(SCHEMAS).filter((f) => f.endsWith('.json'));

  it('finds the schemas', () => assert.ok(files.includes('memo.schema.json'), files.join(', ')));

  for (const file of files) {
    it(`${file}: no pattern can take more than linear time, and the whole schema is within the limits`, () => {
      const schema: unknown = JSON.parse(readFileSync(path.join(SCHEMAS, file), 'utf8'));
      const flagged = patternsOf(schema, file).filter(([, pattern]) => patternHazard(pattern));
      assert.deepEqual(flagged, []);
      vetSchema(schema);
    });
  }

  it('the e-mail pattern still means what the quadratic one meant (a dotted domain)', () => {
    const memo = JSON.parse(readFileSync(path.join(SCHEMAS, 'memo.schema.json'), 'utf8')) as { properties: { contact: { properties: { email: { pattern: string } } } } };
    const linear = new RegExp(memo.properties.contact.properties.email.pattern, 'u');
    const quadratic = /^[^@\s]+@[^@\s]+\.[^@\s]+$/u;
    // Every text of up to 7 characters over the characters that matter.
    const alphabet = ['a', '.', '@', ' '];
    let texts = [''];
    for (let length = 1; length <= 7; length++) {
      texts = texts.flatMap((text) => alphabet.map((c) => text + c));
      for (const text of texts) assert.equal(linear.test(text), quadratic.test(text), JSON.stringify(text));
    }
  });
});
