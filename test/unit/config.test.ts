import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import configSchema from '../../schemas/config.schema.json';
import { applyEdits, buildConfig, checkMemo, configProblemFinding, ruleIds, starterDirectory, t } from '../../server/src/engine';
import { runCli } from '../../server/src/cli/main';
import { findConfigFolder, loadConfigSync } from '../../server/src/workspace/config-folder';
import { fixtures, readIfExists } from '../support/fixtures';
import { scratchDir } from '../support/scratch';

const reference = readFileSync(path.join(fixtures, 'reference', 'reference.memo.md'), 'utf8');
const file = (name: string, text: string) => ({ path: `/ws/.policy-memo/${name}`, text });

describe('the .policy-memo config folder', () => {
  it('a broken config.yaml is one problem in that file; the other files still count', () => {
    const config = buildConfig({
      config: file('config.yaml', 'rules:\n  acronym: [off\n'),
      glossary: file('glossary.yaml', '- fr: MTFDC\n'),
    });
    assert.equal(config.problems.length, 1);
    assert.equal(config.problems[0].file.path, '/ws/.policy-memo/config.yaml');
    assert.deepEqual(config.severities, {});
    assert.deepEqual(config.glossary, [{ fr: 'MTFDC' }]);
    const finding = configProblemFinding(config.problems[0], 'fr');
    assert.equal(finding.rule, 'config');
    // In the writer's words: one of our messages for the parser's error code, never the parser's English.
    assert.equal(finding.message, t('fr', 'config.ignored', { problem: t('fr', 'yaml.badIndent') }));
  });

  it('an alias used past the limit in a config file is said in the writer\'s words, not the parser\'s', () => {
    const text = `a: &x [1, 2]\nacronyms: [${Array(150).fill('*x').join(', ')}]\n`;
    const config = buildConfig({ config: file('config.yaml', text) });
    assert.deepEqual(config.problems.map((p) => [p.message, p.params]), [['yaml.aliases', { limit: 100 }]]);
    const memo = checkMemo(`---\nlang: en\nx: &x [1]\ny: [${Array(150).fill('*x').join(', ')}]\n---\nBody.\n`, 'markdown', { locale: 'fr' });
    assert.deepEqual(memo.findings.filter((f) => f.rule === 'yaml-syntax').map((f) => f.message), [t('fr', 'yaml.aliases', { limit: 100 })]);
  });

  it('a value the schema refuses is reported at that value, in the writer\'s words', () => {
    const bad = buildConfig({ config: file('config.yaml', 'typography: quebec\nrules:\n  acronym: off\n') });
    assert.equal(bad.problems.length, 1);
    const finding = configProblemFinding(bad.problems[0], 'en');
    assert.deepEqual(finding.range, { start: { line: 0, character: 12 }, end: { line: 0, character: 18 } });
    assert.equal(finding.message, '"typography" must be one of: canada, france. This file is ignored until it is fixed: memos are checked with the defaults.');
    assert.deepEqual(bad.severities, {}, 'the whole file is ignored, not half of it');
    const unknown = buildConfig({ config: file('config.yaml', 'rules:\n  no-such-rule: off\n') });
    assert.deepEqual(configProblemFinding(unknown.problems[0], 'en').range, { start: { line: 1, character: 2 }, end: { line: 1, character: 14 } });
  });

  it('severities from config.yaml apply, `off` included; CheckOptions.severities win', () => {
    const error = buildConfig({ config: file('config.yaml', 'rules:\n  placeholder-link: error\n') });
    assert.deepEqual(checkMemo(reference, 'markdown', { config: error }).findings.map((f) => f.severity), ['error', 'error']);
    const off = buildConfig({ config: file('config.yaml', 'rules:\n  placeholder-link: off\n') });
    assert.deepEqual(checkMemo(reference, 'markdown', { config: off }).findings, []);
    assert.equal(checkMemo(reference, 'markdown', { config: off, severities: { 'placeholder-link': 'hint' } }).findings[0].severity, 'hint');
  });

  it('the config schema names every rule of the registry, and only those', () => {
    assert.deepEqual(Object.keys(configSchema.properties.rules.properties).sort(), [...ruleIds].sort());
  });

  it('the workspace directory adds to the starter one and overrides an entry of the same name', () => {
    const config = buildConfig({
      directory: file('directory.yaml', 'ministries:\n  - en: Ministry of Health\n    fr: Ministère de la Santé (nouveau)\n  - en: Ministry of Tests\n    fr: Ministère des Essais\n'),
    });
    const health = config.directory.ministries.filter((m) => m.en === 'Ministry of Health');
    assert.deepEqual(health.map((m) => m.fr), ['Ministère de la Santé (nouveau)']);
    assert.ok(config.directory.ministries.some((m) => m.en === 'Ministry of Tests'));
    assert.equal(config.directory.divisions.length, starterDirectory.divisions.length);
  });

  it('the starter directory holds every ministry and division of the reference memo', () => {
    const data = parse(reference.split('---\n')[1]) as { ministry: { en: string; fr: string }; divisions: { en: string; fr: string }[] };
    assert.ok(starterDirectory.ministries.some((m) => m.en === data.ministry.en && m.fr === data.ministry.fr));
    for (const d of data.divisions) assert.ok(starterDirectory.divisions.some((s) => s.en === d.en && s.fr === d.fr), d.en);
    // The ministry the body names (MTFDC) is there too.
    assert.ok(starterDirectory.ministries.some((m) => m.acronym?.fr === 'MTFDC'));
  });

  it('"Add to glossary" creates glossary.yaml when there is none, and the term then needs no definition', () => {
    const text = reference.replace(' (MTFDC)', '');
    const config = buildConfig({ glossaryPath: '/ws/.policy-memo/glossary.yaml' });
    const finding = checkMemo(text, 'markdown', { config }).findings.find((f) => f.rule === 'acronym');
    const edit = finding?.fixes[0].otherFiles?.[0];
    assert.ok(edit?.create);
    assert.equal(edit.path, '/ws/.policy-memo/glossary.yaml');
    const glossary = applyEdits('', edit.edits);
    const after = buildConfig({ glossary: { path: edit.path, text: glossary } });
    assert.deepEqual(after.glossary, [{ fr: 'MTFDC' }]);
    assert.deepEqual(checkMemo(text, 'markdown', { config: after }).findings.filter((f) => f.rule === 'acronym'), []);
  });

  it('writes the new glossary\'s first comment in the writer\'s language', () => {
    const text = reference.replace(' (MTFDC)', '');
    const config = buildConfig({ glossaryPath: '/ws/.policy-memo/glossary.yaml' });
    for (const locale of ['en', 'fr'] as const) {
      const finding = checkMemo(text, 'markdown', { config, locale }).findings.find((f) => f.rule === 'acronym');
      const created = applyEdits('', finding?.fixes.find((f) => f.otherFiles?.[0]?.create)?.otherFiles?.[0].edits ?? []);
      assert.equal(created.split('\n')[0], t(locale, 'glossary.header'), locale);
    }
    assert.match(t('fr', 'glossary.header'), /^# Termes pour Policy Memo\u00a0:/);
  });
});

describe('finding the config folder, and the CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = scratchDir('policy-memo-config');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const io = () => {
    const out: string[] = [];
    return { out, io: { cwd: dir, env: {}, stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t) } };
  };

  it('looks upward from the memo, and not above the stop folder', () => {
    mkdirSync(path.join(dir, '.policy-memo'));
    mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
    const isFolder = (p: string) => p === path.join(dir, '.policy-memo');
    assert.equal(findConfigFolder(path.join(dir, 'a', 'b', 'x.memo.md'), isFolder), path.join(dir, '.policy-memo'));
    assert.equal(findConfigFolder(path.join(dir, 'a', 'b', 'x.memo.md'), isFolder, path.join(dir, 'a')), undefined);
    writeFileSync(path.join(dir, '.policy-memo', 'config.yaml'), 'typography: france\n');
    assert.equal(loadConfigSync(path.join(dir, '.policy-memo'), readIfExists).typography, 'france');
  });

  it('reports a broken config file once, in that file, and still checks the memos with the defaults', () => {
    mkdirSync(path.join(dir, '.policy-memo'));
    mkdirSync(path.join(dir, 'memos'));
    writeFileSync(path.join(dir, '.policy-memo', 'config.yaml'), 'rules: {placeholder-link: off\n');
    writeFileSync(path.join(dir, 'memos', 'a.memo.md'), reference);
    writeFileSync(path.join(dir, 'memos', 'b.memo.md'), reference);
    const { out, io: cliIo } = io();
    const code = runCli(['lint', '--format', 'json', '.'], cliIo);
    const reports = JSON.parse(out.join('\n')) as { file: string; diagnostics: { rule: string }[] }[];
    assert.equal(code, 1);
    assert.deepEqual(
      reports.map((r) => [r.file, r.diagnostics.map((d) => d.rule)]),
      [
        ['.policy-memo/config.yaml', ['config']],
        ['memos/a.memo.md', ['placeholder-link', 'placeholder-link']],
        ['memos/b.memo.md', ['placeholder-link', 'placeholder-link']],
      ],
    );
  });

  it('applies the folder\'s severities and checks a translation pair in both directions', () => {
    mkdirSync(path.join(dir, '.policy-memo'));
    writeFileSync(path.join(dir, '.policy-memo', 'config.yaml'), 'rules:\n  placeholder-link: off\n  parity: error\n');
    const en = readFileSync(path.join(fixtures, 'rules', 'parity', 'files', 'lonely.fr.memo.md'), 'utf8').replace('---\nLes', 'translation: b.memo.md\n---\nLes');
    writeFileSync(path.join(dir, 'a.memo.md'), en);
    writeFileSync(path.join(dir, 'b.memo.md'), en.replace('translation: b.memo.md', 'translation: a.memo.md').replace('17 h', '18 h'));
    const { out, io: cliIo } = io();
    assert.equal(runCli(['lint', '--format', 'json', '.'], cliIo), 1);
    const reports = JSON.parse(out.join('\n')) as { file: string; diagnostics: { rule: string; severity: string; message: string }[] }[];
    assert.deepEqual(
      reports.map((r) => [r.file, r.diagnostics.map((d) => `${d.severity} ${d.message}`)]),
      [
        ['a.memo.md', ['error 17 h here, 18 h in the French version.']],
        ['b.memo.md', ['error 18 h here, 17 h in the French version.']],
      ],
    );
  });
});
