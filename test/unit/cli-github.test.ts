import * as assert from 'node:assert/strict';
import { escapeData, escapeProperty, githubCommand } from '../../server/src/cli/github';
import type { Finding } from '../../server/src/engine';
import { runCli, workspace } from '../support/cli';
import { REFERENCE, replaceOnce } from '../support/memo';

/**
 * A workflow command read back as the Actions runner reads it (actions/runner, ActionCommand.cs):
 * `::name k=v,k=v::message`, properties split at `,` and `=`, then %25, %0D, %0A (and in
 * properties %3A, %2C) decoded.
 */
function parseCommand(line: string) {
  const match = /^::(\w+) ([^:]*)::(.*)$/.exec(line);
  assert.ok(match, `not a workflow command: ${line}`);
  const unescape = (text: string) => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const properties: Record<string, string> = {};
  for (const pair of match[2].split(',')) {
    const at = pair.indexOf('=');
    properties[pair.slice(0, at)] = unescape(pair.slice(at + 1));
  }
  const message = match[3].replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  return { command: match[1], properties, message };
}

const finding = (message: string, start: [number, number], end: [number, number], severity: Finding['severity'] = 'error'): Finding => ({
  rule: 'date-format',
  severity,
  message,
  range: { start: { line: start[0], character: start[1] }, end: { line: end[0], character: end[1] } },
  fixes: [],
});

describe('policy-memo lint --format github', () => {
  it('escapes data and properties exactly as actions/toolkit does: %, CR, LF, and : and , in properties', () => {
    assert.equal(escapeData('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext: a, b');
    assert.equal(escapeProperty('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext%3A a%2C b');
    // %0A written in a memo is not a line break once the runner decodes it.
    assert.equal(escapeData('%0A'), '%250A');
  });

  it('still shows control and bidi characters as visible escapes, so a memo cannot end the command or reorder the log', () => {
    assert.equal(escapeData('a\u001b[2Jb\u202ec\u0000'), 'a\\x1b[2Jb\\u202ec\\x00');
    assert.equal(escapeProperty('x\u0085y'), 'x\\x85y');
  });

  it('reads back, with the runner\'s own unescaping, as the file, position, title and message it was made from', () => {
    const file = 'a, b: 100%.memo.md';
    const message = 'Line one: 50% off,\nline two\r\nend %0A';
    const line = githubCommand(file, finding(message, [2, 4], [2, 9]));
    assert.doesNotMatch(line, /[\r\n]/);
    assert.deepEqual(parseCommand(line), {
      command: 'error',
      properties: { file, line: '3', col: '5', endLine: '3', endColumn: '9', title: 'date-format' },
      message,
    });
  });

  it('names the warning and notice commands, and gives a finding over several lines its lines only', () => {
    assert.equal(githubCommand('a.memo.md', finding('m', [0, 0], [0, 3], 'warning')), '::warning file=a.memo.md,line=1,col=1,endLine=1,endColumn=3,title=date-format::m');
    assert.equal(githubCommand('a.memo.md', finding('m', [0, 0], [0, 0], 'information')), '::notice file=a.memo.md,line=1,col=1,endLine=1,endColumn=1,title=date-format::m');
    assert.equal(githubCommand('a.memo.md', finding('m', [1, 2], [4, 0])), '::error file=a.memo.md,line=2,endLine=5,title=date-format::m');
  });

  it('prints one annotation per finding through the installed bin, with the path from the repository root, then the summary', () => {
    const memo = replaceOnce(replaceOnce(REFERENCE, 'date: 2021-06-11', 'date: June 11, 2021'), 'lang: fr\n', 'lang: fr\n"50%, ok:": 3\n');
    const dir = workspace({ '.git/HEAD': 'ref: refs/heads/main\n', 'memos/a,b.memo.md': memo });
    const r = runCli(['lint', 'memos', '--format', 'github'], dir);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.deepEqual(lines, [
      '::warning file=memos/a%2Cb.memo.md,line=3,col=1,endLine=3,endColumn=10,title=schema::Unknown key "50%25, ok:": this memo format does not use it.',
      '::error file=memos/a%2Cb.memo.md,line=24,col=7,endLine=24,endColumn=19,title=date-format::The date must be written YYYY-MM-DD (for example 2021-06-11), not "June 11, 2021".',
      '2 problem(s) (1 error(s), 1 warning(s)) in 1 file(s).',
    ]);
    assert.equal(parseCommand(lines[0]).properties.file, 'memos/a,b.memo.md');
  });
});
