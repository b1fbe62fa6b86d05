import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkMemo } from '../../server/src/engine';
import { fixtureOptions, fixtures } from '../support/fixtures';

describe('the reference memo', () => {
  const file = path.join(fixtures, 'reference', 'reference.memo.md');
  const text = readFileSync(file, 'utf8');

  it('gives exactly its two placeholder-link warnings, at the two ](#) links, and nothing else from any rule', () => {
    const { findings } = checkMemo(text, 'markdown', fixtureOptions(file));
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity]),
      [
        ['placeholder-link', 'warning'],
        ['placeholder-link', 'warning'],
      ],
    );
    const lines = text.split('\n');
    const linked = findings.map((f) => lines[f.range.start.line].slice(f.range.start.character, f.range.end.character));
    assert.deepEqual(linked, [
      "[a annoncé la mise en œuvre de la transformation des services d'emploi \\(TSE\\) dans neuf nouvelles zones de services](#)",
      "[vision ontarienne de la transformation de l'aide sociale](#)",
    ]);
  });

  it('defines every acronym at first use, even MSESC whose attachment line is printed after the body', () => {
    const { findings } = checkMemo(text, 'markdown', { ...fixtureOptions(file), severities: { 'placeholder-link': 'off' } });
    assert.deepEqual(findings, []);
  });

  it('still reports an acronym once its definition is removed', () => {
    const { findings } = checkMemo(text.replace(' (MTFDC)', ''), 'markdown', fixtureOptions(file));
    assert.deepEqual(findings.filter((f) => f.rule === 'acronym').map((f) => f.message), ['"MTFDC" is never defined: write the full name followed by (MTFDC) where it is first used.']);
  });
});
