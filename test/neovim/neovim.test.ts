import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import type { InitializeResult } from 'vscode-languageserver-protocol';
import { t } from '../../server/src/engine';
import { runBounded } from '../support/bounded';
import { ROOT } from '../support/memo';
import { scratchDir } from '../support/scratch';

/**
 * The language server as a writer with another editor gets it: the npm tarball installed with
 * `npm install -g` (into a scratch prefix), its `policy-memo-language-server` started from a folder
 * outside the checkout, then driven by Neovim 0.7's own LSP client (no plugins) with README's set-up.
 * Run by `npm run test:neovim` (CI: `.ci/run`, which installs Debian's neovim).
 */
describe('the language server in another editor', function () {
  this.timeout(300000);
  const scratch = scratchDir('policy-memo-neovim');
  const prefix = path.join(scratch, 'prefix');
  const bin = path.join(prefix, 'bin');
  /** PATH with the installed package's commands first, as after `npm install -g`. */
  const PATH = `${bin}${path.delimiter}${process.env.PATH ?? ''}`;
  /** Only what npm needs to find its cache and registry (never npm_config_prefix and the like from `npm run`). */
  // npm as the user runs it: their registry, proxy and certificate settings (a bare environment loses the CA file).
  const npmEnv: NodeJS.ProcessEnv = { ...process.env };

  before('packs the package and installs the tarball with npm install -g', async () => {
    const packed = await runBounded('npm', ['pack', '--pack-destination', scratch], { cwd: ROOT, env: npmEnv, ms: 120000 });
    assert.equal(packed.code, 0, packed.stderr);
    const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'));
    assert.ok(tarball, `npm pack wrote no tarball: ${packed.stdout}`);
    // The dependencies come from npm's cache (filled by `npm ci`), else from the registry.
    const installed = await runBounded('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', path.join(scratch, tarball)], {
      cwd: scratch,
      env: npmEnv,
      ms: 240000,
    });
    assert.equal(installed.code, 0, installed.stderr);
    assert.ok(existsSync(path.join(bin, 'policy-memo-language-server')), 'no policy-memo-language-server command after npm install -g');
  });

  it('answers initialize from a folder outside the checkout, and exits with 0 after shutdown', async () => {
    const elsewhere = scratchDir('policy-memo-memos');
    const server = spawn('policy-memo-language-server', ['--stdio'], { cwd: elsewhere, env: { PATH }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    // A server that never answers fails here, not the run.
    const limit = setTimeout(() => server.kill('SIGKILL'), 60000);
    try {
      const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
      connection.listen();
      const answer = connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null }) as Promise<InitializeResult>;
      const result = await Promise.race([answer, exited.then((code) => assert.fail(`the server exited (${code}) before answering: ${stderr}`))]);
      assert.ok(result.capabilities.textDocumentSync, 'initialize answered without text document sync');
      assert.ok(result.capabilities.codeActionProvider && result.capabilities.hoverProvider && result.capabilities.completionProvider);
      await connection.sendNotification('initialized', {});
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      assert.equal(await exited, 0, stderr);
      connection.dispose();
    } finally {
      clearTimeout(limit);
    }
  });

  describe('in Neovim 0.7, with README\'s set-up', () => {
    const INIT = path.join(ROOT, 'test', 'neovim', 'init.lua');
    const DRIVE = path.join(ROOT, 'test', 'neovim', 'drive.lua');
    const date = '3 février 2026';
    const memo = [
      '---',
      'lang: fr',
      'ministry:',
      '  en: Ministry of Children, Community and Social Services',
      "  fr: Ministère des Services à l'enfance et des Services sociaux et communautaires",
      'to:',
      '  - Gestionnaires des services municipaux regroupés',
      'from:',
      '  - name: Drew Vanderduim',
      '    title: Sous-ministre adjointe',
      `date: ${date}`,
      "subject: Transformation des services d'emploi",
      '---',
      'Les étapes prévues: révision du modèle et réunion générale.',
      '',
    ].join('\n');

    interface Outcome {
      line: number;
      sent: { code?: string; range: { start: { character: number }; end: { character: number } } }[];
      offered: string[];
      chose?: string;
      cleared: boolean;
      text: string;
    }
    interface Results {
      attached?: boolean;
      french?: boolean;
      diagnostics?: { code: string; message: string }[];
      'date-format'?: Outcome;
      'fr-typography'?: Outcome;
      completion?: string[];
      hover?: string[];
      written?: boolean;
      notified: string[];
      [error: `${string}Error`]: string | undefined;
    }
    let results: Results;
    let ending: { code: number; signal: number } | undefined;
    let run: Awaited<ReturnType<typeof runBounded>>;
    let file: string;

    before('runs nvim --headless on a French memo, drives it (drive.lua), then :qa', async function () {
      const version = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 20000 });
      assert.ok(version.status === 0, 'nvim not found: install Neovim (Debian: apt-get install neovim; .ci/run does)');
      const workspace = path.join(scratch, 'workspace');
      mkdirSync(path.join(workspace, '.git'), { recursive: true });
      file = path.join(workspace, 'note.memo.md');
      writeFileSync(file, memo);
      const home = path.join(scratch, 'home');
      const expect = path.join(scratch, 'expect.json');
      writeFileSync(expect, JSON.stringify({ timeout: 30000, dateMessage: t('fr', 'date.format', { value: date }) }));
      const env: NodeJS.ProcessEnv = {
        PATH,
        HOME: home,
        // No user configuration, plugins or state is read, and nothing is left in the real ones.
        XDG_CONFIG_HOME: path.join(home, 'config'),
        XDG_DATA_HOME: path.join(home, 'data'),
        XDG_STATE_HOME: path.join(home, 'state'),
        XDG_CACHE_HOME: path.join(home, 'cache'),
        POLICY_MEMO_EXPECT: expect,
        POLICY_MEMO_RESULTS: path.join(scratch, 'results.json'),
        POLICY_MEMO_EXIT: path.join(scratch, 'exit.json'),
      };
      run = await runBounded('nvim', ['--headless', '-n', '-i', 'NONE', '-u', INIT, 'note.memo.md', '-c', `lua dofile(${JSON.stringify(DRIVE)})`, '-c', 'qa'], {
        cwd: workspace,
        env,
        ms: 240000,
      });
      results = existsSync(env.POLICY_MEMO_RESULTS!) ? (JSON.parse(readFileSync(env.POLICY_MEMO_RESULTS!, 'utf8')) as Results) : { notified: [] };
      ending = existsSync(env.POLICY_MEMO_EXIT!) ? (JSON.parse(readFileSync(env.POLICY_MEMO_EXIT!, 'utf8')) as { code: number; signal: number }) : undefined;
      const errors = Object.entries(results).filter(([key]) => key.endsWith('Error'));
      assert.deepEqual(errors, [], 'drive.lua failed');
    });

    it('runs README\'s Neovim 0.7 set-up as written', () => {
      const setUp = readFileSync(INIT, 'utf8').split('-- README: Neovim 0.7 set-up.\n')[1]?.split('-- End of README')[0];
      assert.ok(setUp, 'init.lua lost its README markers');
      for (const readme of ['README.md', 'README.fr.md']) {
        assert.ok(readFileSync(path.join(ROOT, readme), 'utf8').includes(`\`\`\`lua\n${setUp}\`\`\``), `${readme} does not show test/neovim/init.lua's set-up`);
      }
    });

    it('gets the diagnostics in French from the settings given in init.lua', () => {
      assert.equal(results.attached, true, 'the client never initialized');
      const messages = Object.fromEntries((results.diagnostics ?? []).map((d) => [d.code, d.message]));
      assert.deepEqual(messages, { 'date-format': t('fr', 'date.format', { value: date }), 'fr-typography': t('fr', 'typography.colon') });
      assert.equal(results.french, true);
    });

    for (const [rule, fixed] of [
      ['date-format', 'date: 2026-02-03'],
      ['fr-typography', 'Les étapes prévues\u00a0: révision du modèle et réunion générale.'],
    ] as const) {
      it(`offers the ${rule} fix on its accented line to vim.lsp.buf.code_action(), and applying it clears the problem`, () => {
        const outcome = results[rule];
        assert.ok(outcome, `no ${rule} step`);
        const line = memo.split('\n')[outcome.line - 1];
        // The request carries Neovim's copy of the diagnostic, in bytes: not the range the server published.
        const sent = outcome.sent.find((d) => d.code === rule);
        assert.ok(sent, `Neovim sent no ${rule} diagnostic`);
        const utf16End = Buffer.from(line).subarray(0, sent.range.end.character).toString().length;
        assert.notEqual(utf16End, sent.range.end.character, 'the diagnostic Neovim sent is not in bytes (no accent before its end)');
        assert.notDeepEqual(results.notified.filter((n) => /code action/i.test(n)), ['No code actions available'], 'Neovim said: No code actions available');
        assert.ok(outcome.offered.length > 0 && outcome.chose, `nothing offered (Neovim said: ${results.notified.join(' | ')})`);
        assert.equal(outcome.text, fixed);
        assert.equal(outcome.cleared, true, `the ${rule} problem is still there after the fix`);
      });
    }

    it('answers completion and hover', () => {
      assert.ok((results.completion ?? []).includes('fr'), `completion after "lang: ": ${JSON.stringify(results.completion)}`);
      assert.ok((results.hover ?? []).join('\n').trim().length > 0, 'no hover on "date"');
    });

    it('saves the fixed memo, nothing else changed', () => {
      assert.equal(results.written, true);
      assert.equal(readFileSync(file, 'utf8'), memo.replace(`date: ${date}`, 'date: 2026-02-03').replace('prévues:', 'prévues\u00a0:'));
    });

    it(':qa ends Neovim, and the server with exit code 0', () => {
      assert.equal(run.timedOut, false, 'nvim did not quit');
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(ending, { code: 0, signal: 0 }, 'the server did not exit by itself with code 0');
    });
  });
});
