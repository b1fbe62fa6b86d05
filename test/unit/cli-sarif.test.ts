import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { ruleIds, t } from '../../server/src/engine';
import { DOCS_URL } from '../../server/src/cli/sarif';
import { runCli, workspace } from '../support/cli';
import { REFERENCE, replaceOnce, ROOT } from '../support/memo';
import { sarifValidator } from '../support/sarif';

/** The OASIS schema, with ajv (test/support/sarif.ts). */
const validate = sarifValidator();

// A French memo: an error with a safe fix (the date), a warning after a character of two UTF-16 code
// units (🙂), in a file whose name needs percent-encoding; and a broken .policy-memo/config.yaml.
const MEMO = replaceOnce(REFERENCE, 'date: 2021-06-11', 'date: June 11, 2021') + '\n🙂 TODO: finish\n';
const NAME = 'notes de service/été 2021.memo.md';

function sarif(args: string[], files: Record<string, string> = { [NAME]: MEMO, '.policy-memo/config.yaml': 'typography: quebec\n' }) {
  const dir = workspace(files);
  const r = runCli(['lint', '--format', 'sarif', ...args], dir);
  return { dir, code: r.code, stderr: r.stderr, log: JSON.parse(r.stdout) as Sarif.Log };
}

describe('policy-memo lint --format sarif', () => {
  const en = sarif(['.']);
  const run = en.log.runs[0];
  const results = run.results ?? [];
  const memoResults = results.filter((r) => r.locations?.[0].physicalLocation?.artifactLocation?.uri !== '.policy-memo/config.yaml');

  it('is valid SARIF 2.1.0 (the OASIS JSON schema, with ajv), with exit code 1 for the errors', () => {
    assert.equal(en.code, 1, en.stderr);
    assert.equal(validate(en.log), true, JSON.stringify(validate.errors, null, 2));
    assert.equal(en.log.runs.length, 1);
    // The schema does reject what is not SARIF 2.1.0: a column 0, another version.
    const region = results[0].locations?.[0].physicalLocation?.region;
    assert.equal(validate({ ...en.log, runs: [{ ...run, results: [{ ...results[0], locations: [{ physicalLocation: { region: { ...region, startColumn: 0 } } }] }] }] }), false);
    assert.equal(validate({ ...en.log, version: '2.0.0' }), false);
  });

  it('has every property GitHub code scanning documents as required', () => {
    // docs.github.com, "SARIF support for code scanning": the log, run, tool, rule and result objects.
    assert.equal(typeof en.log.$schema, 'string');
    assert.equal(en.log.version, '2.1.0');
    const driver = run.tool.driver;
    assert.equal(driver.name, 'policy-memo');
    assert.equal(driver.version, (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    assert.match(driver.informationUri ?? '', /^https:\/\//);
    for (const rule of driver.rules ?? []) {
      assert.ok(rule.id, 'rule id');
      for (const text of [rule.shortDescription?.text, rule.fullDescription?.text, rule.help?.text]) assert.ok(text && text.trim(), `${rule.id}: a required description`);
      assert.ok(rule.defaultConfiguration?.level, `${rule.id}: default level`);
    }
    assert.ok(results.length > 0);
    for (const result of results) {
      assert.ok(result.ruleId && result.message.text, 'ruleId and message.text');
      assert.equal(driver.rules?.[result.ruleIndex ?? -1]?.id, result.ruleId, 'ruleIndex points to its rule');
      assert.ok(result.partialFingerprints && Object.keys(result.partialFingerprints).length > 0, 'partialFingerprints');
      const where = result.locations?.[0].physicalLocation;
      assert.ok(where?.artifactLocation?.uri, 'artifactLocation.uri');
      for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn'] as const) assert.equal(typeof where.region?.[key], 'number', key);
    }
  });

  it('lists every rule with its default level and a helpUri to its docs page, which exists', () => {
    const rules = run.tool.driver.rules ?? [];
    assert.deepEqual(rules.map((r) => r.id), [...ruleIds, 'config']);
    assert.equal(rules.find((r) => r.id === 'date-format')?.defaultConfiguration?.level, 'error');
    assert.equal(rules.find((r) => r.id === 'acronym')?.defaultConfiguration?.level, 'warning');
    for (const rule of rules) {
      assert.ok(rule.helpUri?.startsWith(DOCS_URL), rule.helpUri);
      const page = path.join(ROOT, 'docs', ...(rule.helpUri ?? '').slice(DOCS_URL.length).split('/'));
      assert.ok(existsSync(page), `${rule.id}: ${page}`);
    }
  });

  it('gives paths relative to the checked folder on %SRCROOT%, percent-encoded', () => {
    const uris = new Set(results.map((r) => r.locations?.[0].physicalLocation?.artifactLocation?.uri));
    assert.deepEqual([...uris].sort(), ['.policy-memo/config.yaml', 'notes%20de%20service/%C3%A9t%C3%A9%202021.memo.md']);
    for (const r of results) assert.equal(r.locations?.[0].physicalLocation?.artifactLocation?.uriBaseId, '%SRCROOT%');
    assert.equal(run.originalUriBaseIds?.['%SRCROOT%'].uri, pathToFileURL(en.dir).href + '/');
  });

  it('counts lines and columns from 1, columns in UTF-16 code units (columnKind), the end column one past the last character', () => {
    assert.equal(run.columnKind, 'utf16CodeUnits');
    const date = memoResults.find((r) => r.ruleId === 'date-format');
    assert.deepEqual(date?.locations?.[0].physicalLocation?.region, { startLine: 23, startColumn: 7, endLine: 23, endColumn: 20 });
    // "🙂 TODO": 🙂 is two UTF-16 code units, so TODO starts at column 4 (it would be 3 in code points).
    const todo = memoResults.find((r) => r.ruleId === 'placeholder-text');
    assert.deepEqual(todo?.locations?.[0].physicalLocation?.region, { startLine: 50, startColumn: 4, endLine: 50, endColumn: 8 });
    assert.equal(todo?.level, 'warning');
  });

  it('gives the safe fixes as SARIF fixes (and none for a finding without one)', () => {
    const date = memoResults.find((r) => r.ruleId === 'date-format');
    assert.deepEqual(date?.fixes, [
      {
        description: { text: 'Write the date as 2021-06-11' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'notes%20de%20service/%C3%A9t%C3%A9%202021.memo.md', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: 23, startColumn: 7, endLine: 23, endColumn: 20 }, insertedContent: { text: '2021-06-11' } }],
          },
        ],
      },
    ]);
    assert.equal(memoResults.find((r) => r.ruleId === 'placeholder-text')?.fixes, undefined);
  });

  it('reports a broken .policy-memo/config.yaml under the config rule', () => {
    const config = results.filter((r) => r.ruleId === 'config');
    assert.equal(config.length, 1);
    assert.equal(config[0].level, 'error');
  });

  it('gives the same fingerprints on a second run, and different ones to different findings', () => {
    const again = sarif(['.']).log.runs[0].results ?? [];
    assert.deepEqual(again.map((r) => r.partialFingerprints), results.map((r) => r.partialFingerprints));
    const prints = results.map((r) => JSON.stringify(r.partialFingerprints));
    assert.equal(new Set(prints).size, prints.length);
  });

  it('speaks French with --locale fr: messages, rule descriptions and the French docs pages', () => {
    const fr = sarif(['.', '--locale', 'fr']);
    assert.equal(validate(fr.log), true, JSON.stringify(validate.errors, null, 2));
    const frRun = fr.log.runs[0];
    const dateRule = frRun.tool.driver.rules?.find((r) => r.id === 'date-format');
    assert.equal(dateRule?.shortDescription?.text, t('fr', 'rules.date-format.name'));
    assert.equal(dateRule?.helpUri, `${DOCS_URL}rules/date-format.fr.md`);
    assert.equal(frRun.language, 'fr-CA');
    assert.match(frRun.results?.find((r) => r.ruleId === 'date-format')?.message.text ?? '', /AAAA-MM-JJ/);
  });

  it('is an empty run (exit 0) for clean memos, and keeps control and bidi characters as \\u escapes', () => {
    const clean = sarif(['.'], { 'a.memo.md': REFERENCE });
    assert.equal(clean.code, 0);
    assert.deepEqual(clean.log.runs[0].results, []);
    const dir = workspace({ 'a.memo.md': replaceOnce(REFERENCE, 'lang: fr\n', 'lang: fr\nbud\u202eget: 3\n') });
    const r = runCli(['lint', '.', '--format', 'sarif'], dir);
    assert.doesNotMatch(r.stdout, /\u202e/);
    assert.match(r.stdout, /bud\\u202eget/);
  });
});
