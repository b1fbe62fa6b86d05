import * as assert from 'node:assert/strict';
import { checkMemo, Locale, MessageId, t } from '../../../server/src/engine';
import { BROKEN_MEMOS, RULES_COVERED } from '../../support/broken-memos';
import { runCli, workspace } from '../../support/cli';
import { REFERENCE } from '../../support/memo';

/** The CLI's output without its closing line break, to compare with catalogue messages. */
function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = runCli(args, cwd, env);
  return { code: r.code, stdout: r.stdout.trimEnd(), stderr: r.stderr.trimEnd() };
}

interface JsonReport {
  file: string;
  diagnostics: { rule: string; severity: string; message: string; range: unknown; fixable: boolean }[];
}

describe('policy-memo in French', () => {
  const dir = workspace(Object.fromEntries(BROKEN_MEMOS.map((m) => [m.file, m.text])));
  const lint = (locale: Locale) => {
    const r = run(['lint', '.', '--format', 'json', '--locale', locale], dir);
    assert.equal(r.code, 1, r.stderr);
    return JSON.parse(r.stdout) as JsonReport[];
  };

  it('lint --locale fr --format json gives French messages with the same rules and ranges as --locale en', () => {
    const [en, fr] = [lint('en'), lint('fr')];
    const without = (reports: JsonReport[]) => reports.map((r) => ({ file: r.file, diagnostics: r.diagnostics.map(({ message: _message, ...rest }) => rest) }));
    assert.deepEqual(without(fr), without(en));
    assert.deepEqual([...new Set(fr.flatMap((r) => r.diagnostics.map((d) => d.rule)))].sort(), [...RULES_COVERED].sort());
    for (const report of fr) {
      const memo = BROKEN_MEMOS.find((m) => m.file === report.file);
      assert.ok(memo, report.file);
      // The messages are the engine's French ones, and none is the English one.
      assert.deepEqual(report.diagnostics.map((d) => d.message), checkMemo(memo.text, memo.kind, { locale: 'fr' }).findings.map((f) => f.message));
      const english = en.find((r) => r.file === report.file)?.diagnostics ?? [];
      report.diagnostics.forEach((d, i) => assert.notEqual(d.message, english[i].message, d.message));
    }
  });

  it('picks French from LC_ALL, then LC_MESSAGES, then LANG; --locale wins over all', () => {
    const french = /La date doit suivre le format AAAA-MM-JJ/;
    const english = /The date must be written YYYY-MM-DD/;
    const one = workspace({ 'a.memo.md': BROKEN_MEMOS[0].text });
    assert.match(run(['lint', 'a.memo.md'], one, { LC_ALL: 'fr_CA.UTF-8', LANG: 'en_CA.UTF-8' }).stdout, french);
    assert.match(run(['lint', 'a.memo.md'], one, { LC_MESSAGES: 'fr_CA.UTF-8', LANG: 'en_CA.UTF-8' }).stdout, french);
    assert.match(run(['lint', 'a.memo.md'], one, { LC_ALL: 'en_CA.UTF-8', LANG: 'fr_CA.UTF-8' }).stdout, english);
    assert.match(run(['lint', 'a.memo.md'], one, { LANG: 'fr' }).stdout, french);
    assert.match(run(['lint', 'a.memo.md', '--locale', 'en'], one, { LANG: 'fr_CA.UTF-8' }).stdout, english);
    assert.match(run(['lint', 'a.memo.md', '--locale=fr'], one).stdout, french);
    // The stylish summary too.
    assert.match(run(['lint', 'a.memo.md', '--locale', 'fr'], one).stdout, /^10\u00a0problèmes \(7\u00a0erreurs, 3\u00a0avertissements\) dans 1\u00a0fichier\.\nCorrigeables avec --fix\u00a0: 3\u00a0problèmes\.$/m);
  });

  it('shows --help in each language, naming every option', () => {
    for (const locale of ['en', 'fr'] as const) {
      const r = run(['--help', '--locale', locale], dir);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, t(locale, 'cli.help'));
      for (const option of ['--format', '--fix', '--schema', '-o, --output', '--locale', '-h, --help', '-v, --version']) assert.ok(r.stdout.includes(option), `${locale}: ${option}`);
    }
    assert.notEqual(t('fr', 'cli.help'), t('en', 'cli.help'));
  });

  describe('says every usage and file error in both languages', () => {
    const files = workspace({
      'a.memo.md': REFERENCE,
      'notes.txt': 'not a memo',
      'latin1.memo.md': Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0x0a]),
      'empty/readme.md': '# nothing here',
      'broken.schema.json': '{ not json',
    });
    const cases: { args: string[]; id: MessageId; params: Record<string, string> }[] = [
      { args: ['send'], id: 'cli.unknownCommand', params: { command: 'send' } },
      { args: ['lint', '--frobnicate'], id: 'cli.unknownOption', params: { option: '--frobnicate' } },
      { args: ['lint', '--format'], id: 'cli.missingValue', params: { option: '--format' } },
      { args: ['lint', '--fix=yes'], id: 'cli.noValue', params: { option: '--fix' } },
      { args: ['lint', '--format', 'xml'], id: 'cli.badFormat', params: { format: 'xml' } },
      { args: ['lint', 'missing.memo.md'], id: 'cli.notFound', params: { path: 'missing.memo.md' } },
      { args: ['lint', 'nothing/*.memo.md'], id: 'cli.noMatch', params: { path: 'nothing/*.memo.md' } },
      { args: ['lint', 'notes.txt'], id: 'cli.notMemo', params: { path: 'notes.txt' } },
      { args: ['lint', 'latin1.memo.md'], id: 'cli.notUtf8', params: { path: 'latin1.memo.md' } },
      { args: ['lint', 'empty'], id: 'cli.noFiles', params: {} },
    ];
    for (const c of cases) {
      it(`${c.id} (${c.args.join(' ')})`, () => {
        const said: string[] = [];
        for (const locale of ['en', 'fr'] as const) {
          const r = run([...c.args, '--locale', locale], files);
          assert.equal(r.code, 2, `${locale}: exit code`);
          assert.equal(r.stderr, t(locale, c.id, c.params));
          said.push(r.stderr);
        }
        assert.notEqual(said[1], said[0]);
      });
    }

    it('cli.badSchema', () => {
      const r = run(['lint', 'a.memo.md', '--schema', 'broken.schema.json', '--locale', 'fr'], files);
      assert.equal(r.code, 2);
      assert.ok(r.stderr.startsWith('Impossible d\u2019utiliser le schéma «\u00a0broken.schema.json\u00a0»\u00a0: '), r.stderr);
    });

    it('cli.badLocale, in the language of the environment', () => {
      for (const [env, locale] of [[{}, 'en'], [{ LANG: 'fr_CA.UTF-8' }, 'fr']] as const) {
        const r = run(['lint', '--locale', 'de'], files, env);
        assert.equal(r.code, 2);
        assert.equal(r.stderr, t(locale, 'cli.badLocale', { locale: 'de' }));
      }
    });
  });
});
