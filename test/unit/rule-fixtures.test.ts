import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkMemo, memoKindOf } from '../../server/src/engine';
import { actualFindings, expectedFindings, fixtureOptions, fixtures, memoFilesUnder } from '../support/fixtures';

// Every fixture states, line by line, the findings it must give: no more, no fewer, from every rule.
describe('rule fixtures (inline expectations)', () => {
  const folder = path.join(fixtures, 'rules');
  for (const file of memoFilesUnder(folder)) {
    it(path.relative(folder, file), () => {
      const text = readFileSync(file, 'utf8');
      for (const locale of ['en', 'fr'] as const) {
        const { findings } = checkMemo(text, memoKindOf(file) ?? 'markdown', fixtureOptions(file, { locale }));
        assert.deepEqual(actualFindings(findings), expectedFindings(text), findings.map((f) => `${f.range.start.line + 1}: ${f.rule}: ${f.message}`).join('\n'));
      }
    });
  }
  it('has fixtures for every new rule', () => {
    const covered = new Set(memoFilesUnder(folder).flatMap((f) => expectedFindings(readFileSync(f, 'utf8')).map((e) => e.split(':')[1])));
    for (const id of ['placeholder-link', 'image-alt', 'placeholder-text', 'acronym', 'fr-typography', 'parity', 'untranslated', 'official-name', 'contact-domain']) {
      assert.ok(covered.has(id), `no fixture expects ${id}`);
    }
  });
});
