import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ruleIds } from '../../server/src/engine';
import { root } from '../support/fixtures';

// The server links each diagnostic to docs/rules/<id>.md (<id>.fr.md for a French writer): every rule has both.
describe('rule docs pages', () => {
  const sections = {
    en: ['## What it checks', '## Why', '## Fails', '## Passes', '## How to fix'],
    fr: ['## Ce que la règle vérifie', '## Pourquoi', '## Exemple fautif', '## Exemple correct', '## Correction'],
  };
  for (const id of ruleIds) {
    for (const lang of ['en', 'fr'] as const) {
      const name = lang === 'en' ? `${id}.md` : `${id}.fr.md`;
      it(`docs/rules/${name}: what, why (with its source), an example that fails and one that passes, the fix`, () => {
        const file = path.join(root, 'docs', 'rules', name);
        assert.ok(existsSync(file), `missing ${file}`);
        const page = readFileSync(file, 'utf8');
        assert.ok(page.startsWith(`# \`${id}\`\n`));
        for (const heading of sections[lang]) assert.ok(page.includes(`\n${heading}\n`), `${name}: ${heading}`);
        const why = page.slice(page.indexOf(sections[lang][1]), page.indexOf(sections[lang][2]));
        if (!['front-matter', 'yaml-syntax', 'encoding', 'schema'].includes(id)) assert.match(why, /conventions\.md/, `${name} cites no source`);
      });
    }
  }
  it('docs/config.md and docs/config.fr.md describe the .policy-memo folder', () => {
    for (const name of ['config.md', 'config.fr.md']) assert.match(readFileSync(path.join(root, 'docs', name), 'utf8'), /glossary\.yaml/);
  });
});
