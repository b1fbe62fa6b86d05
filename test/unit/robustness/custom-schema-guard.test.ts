import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkMemo, compileCustomSchema, MessageId, SchemaRefusal, t } from '../../../server/src/engine';
import { patternHazard } from '../../../server/src/engine/schema-guard';
import { LspClient } from '../../support/lsp';
import { memoText } from '../../support/generated-memos';

// The modules' own export objects (an ES namespace import is read-only), so the test can watch them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import http = require('node:http');
// eslint-disable-next-line @typescript-eslint/no-require-imports
import https = require('node:https');

/** Written as text: JSON.stringify itself cannot go 100,000 levels deep. */
const NESTED_ALL_OF = '{"allOf":['.repeat(100_000) + '{"type":"object"}' + ']}'.repeat(100_000);

interface HostileSchema {
  name: string;
  schema: object | string;
  refusal: MessageId;
  params: Record<string, string | number>;
  /** What the server says when it differs: it refuses a schema file over 1 MB before even parsing it. */
  fromFile?: { refusal: MessageId; params: Record<string, string | number> };
}

const hostile: HostileSchema[] = [
  {
    name: 'a catastrophic pattern',
    schema: { type: 'object', properties: { subject: { type: 'string', pattern: '^(a+)+$' } } },
    refusal: 'schemaRefused.exponential',
    params: { pattern: '^(a+)+$' },
  },
  {
    name: 'a catastrophic patternProperties key',
    schema: { type: 'object', patternProperties: { '^(\\w+\\s?)*$': { type: 'string' } } },
    refusal: 'schemaRefused.exponential',
    params: { pattern: '^(\\w+\\s?)*$' },
  },
  {
    name: 'an ambiguous alternation repeated',
    schema: { type: 'object', properties: { subject: { type: 'string', pattern: '^(a|a)*$' } } },
    refusal: 'schemaRefused.exponential',
    params: { pattern: '^(a|a)*$' },
  },
  {
    name: 'a run of adjacent quantifiers',
    schema: { type: 'object', properties: { subject: { type: 'string', pattern: '^\\s*\\s*\\s*\\s*$' } } },
    refusal: 'schemaRefused.polynomial',
    params: { pattern: '^\\s*\\s*\\s*\\s*$', degree: 4 },
  },
  {
    name: 'uniqueItems on an unbounded list of objects',
    schema: { type: 'object', properties: { to: { type: 'array', uniqueItems: true, items: { type: 'object' } } } },
    refusal: 'schemaRefused.uniqueItems',
    params: { limit: 100 },
  },
  { name: 'a $ref to an http URL', schema: { properties: { to: { $ref: 'http://127.0.0.1:9/memo.json' } } }, refusal: 'schemaRefused.remoteRef', params: { ref: 'http://127.0.0.1:9/memo.json' } },
  { name: '$data', schema: { properties: { date: { const: { $data: '1/subject' } } } }, refusal: 'schemaRefused.data', params: {} },
  {
    name: '100,000 nested allOf', schema: NESTED_ALL_OF,
    refusal: 'schemaRefused.tooDeep',
    params: { limit: 64 },
    fromFile: { refusal: 'schemaRefused.tooLarge', params: { limit: 1 } },
  },
];

describe('hostile custom schemas', () => {
  const calls: string[] = [];
  const saved = { fetch: globalThis.fetch, http: http.request, https: https.request, httpGet: http.get, httpsGet: https.get };
  before(() => {
    // Any attempt to reach the network is recorded (and fails), so "nothing is fetched" is observed, not assumed.
    const record = (what: string) => () => {
      calls.push(what);
      throw new Error('network use in a test');
    };
    globalThis.fetch = record('fetch') as typeof fetch;
    Object.assign(http, { request: record('http.request'), get: record('http.get') });
    Object.assign(https, { request: record('https.request'), get: record('https.get') });
  });
  after(() => {
    globalThis.fetch = saved.fetch;
    Object.assign(http, { request: saved.http, get: saved.httpGet });
    Object.assign(https, { request: saved.https, get: saved.httpsGet });
  });

  for (const h of hostile) {
    it(`refuses ${h.name} with a reason in both languages, fetching nothing`, () => {
      let refusal: unknown;
      try {
        compileCustomSchema(typeof h.schema === 'string' ? JSON.parse(h.schema) : h.schema);
      } catch (error) {
        refusal = error;
      }
      assert.ok(refusal instanceof SchemaRefusal, `expected a refusal, got ${String(refusal)}`);
      assert.equal(refusal.id, h.refusal);
      assert.equal(refusal.message, t('en', h.refusal, h.params));
      assert.notEqual(t('fr', refusal.id, refusal.params), refusal.message);
      assert.deepEqual(calls, []);
    });
  }

  it('still compiles ordinary patterns, including the built-in schema\'s own', () => {
    const schema = compileCustomSchema({
      type: 'object',
      properties: {
        translation: { type: 'string', pattern: '^(?![A-Za-z][A-Za-z0-9+.-]*:)(?![/\\\\])\\S' },
        reference: { type: 'string', pattern: '^[0-9]{4}: [A-Z][0-9]{2}$' },
        lang: { type: 'string', pattern: '^(en|fr)(,(en|fr))*$' },
      },
    });
    const { findings } = checkMemo('---\nreference: "2021: B07"\nlang: en,fr\n---\n', 'markdown', { schema });
    assert.deepEqual(findings.filter((f) => f.rule === 'schema'), []);
  });

  it('sees exponential and polynomial patterns and lets linear ones through', () => {
    const hazardous: [string, string][] = [
      ['^(a+)+$', 'exponential'], ['^(a*)*$', 'exponential'], ['(x+x+)+y', 'exponential'], ['^(a|b+){2,}$', 'exponential'],
      ['(a|a)*b', 'exponential'], ['^(\\w+\\s?)*$', 'exponential'], ['^(-\\S+)+$', 'exponential'], ['^(a+)+\\1$', 'exponential'],
      ['\\s*\\s*\\s*\\s*x', 'polynomial'], ['^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', 'polynomial'],
    ];
    for (const [p, kind] of hazardous) assert.equal(patternHazard(p)?.kind, kind, p);
    // Unanchored, `(a|a)*` and `\s*\s*` match at once (a test stops at the first match): really linear.
    const safe = ['a+b*', '(ab)+', '[(a+)]+', '(?:en|fr)+', '\\p{L}+', 'a{2}', '^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$', '(,\\s?[a-z]+)*', '(a)\\1', '(a|a)*', '\\s*\\s*'];
    for (const p of safe) assert.equal(patternHazard(p), undefined, p);
  });

  it('allows uniqueItems on lists of scalars and on lists maxItems keeps small', () => {
    compileCustomSchema({ properties: { lang: { type: 'array', uniqueItems: true, items: { type: ['string', 'null'] } } } });
    compileCustomSchema({ properties: { to: { type: 'array', uniqueItems: true, maxItems: 100, items: { type: 'object' } } } });
  });

  it('refuses a schema with more than 100 different patterns', () => {
    const properties = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, { type: 'string', pattern: `^k${i}$` }]));
    assert.throws(() => compileCustomSchema({ properties }), (e: unknown) => e instanceof SchemaRefusal && e.id === 'schemaRefused.tooManyPatterns');
  });
});

describe('hostile custom schemas in a trusted workspace (language server)', () => {
  let folder: string;
  let client: LspClient;
  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'policy-memo-schema-'));
    hostile.forEach((h, i) => writeFileSync(path.join(folder, `hostile-${i}.json`), typeof h.schema === 'string' ? h.schema : JSON.stringify(h.schema)));
    client = new LspClient();
    const rootUri = pathToFileURL(folder).toString();
    await client.initialize({ rootUri, workspaceFolders: [{ uri: rootUri, name: 'memos' }], initializationOptions: { trusted: true } });
  });
  after(async () => {
    assert.ok(client.alive, 'the server died');
    await client.stop();
    assert.deepEqual(client.logs.filter((l) => /failed|unhandled/i.test(l)), []);
    rmSync(folder, { recursive: true, force: true });
  });

  hostile.forEach((h, i) => {
    it(`says ${h.name} is refused and checks with the built-in schema instead`, async () => {
      // The server asks for a memo's settings when it first sees it: this memo gets schema number i.
      client.settings = { policyMemo: { schema: `hostile-${i}.json` } };
      const uri = pathToFileURL(path.join(folder, `case-${i}.memo.md`)).toString();
      const text = memoText('markdown', { recipients: 1, paragraphs: 1 }).replace('subject:', 'subjet:');
      const { diagnostics } = await client.open(uri, text);
      const { refusal, params } = h.fromFile ?? h;
      const expected = t('en', 'schema.customBroken', { path: `hostile-${i}.json`, message: t('en', refusal, params) });
      assert.ok(diagnostics.some((d) => d.message === expected), JSON.stringify(diagnostics.map((d) => d.message)));
      // The built-in schema still runs: the misspelt key is reported.
      assert.ok(diagnostics.some((d) => d.message.includes('"subjet"')));
      await client.close(uri);
    });
  });
});
