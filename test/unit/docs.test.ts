import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';
import MarkdownIt from 'markdown-it';
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
        // Its sources, through the shipped conventions page in the same language.
        const conventions = lang === 'en' ? /\]\(\.\.\/conventions\.md\)/ : /\]\(\.\.\/conventions\.fr\.md\)/;
        if (!['front-matter', 'yaml-syntax', 'encoding', 'schema'].includes(id)) assert.match(why, conventions, `${name} cites no source`);
      });
    }
  }
  it('docs/config.md and docs/config.fr.md describe the .policy-memo folder', () => {
    for (const name of ['config.md', 'config.fr.md']) assert.match(readFileSync(path.join(root, 'docs', name), 'utf8'), /glossary\.yaml/);
  });
});

/** The relative link and image targets of a Markdown page (code spans and fenced examples hold none). */
function relativeTargets(markdown: string): string[] {
  const targets: string[] = [];
  const visit = (tokens: ReturnType<MarkdownIt['parse']>) => {
    for (const token of tokens) {
      const target = token.type === 'link_open' ? token.attrGet('href') : token.type === 'image' ? token.attrGet('src') : null;
      if (target !== null && !/^[a-z][a-z0-9+.-]*:|^#|^\/\//i.test(target)) targets.push(target);
      if (token.children) visit(token.children);
    }
  };
  visit(new MarkdownIt().parse(markdown, {}));
  return targets;
}

// The diagnostics open these pages in VS Code's Markdown preview, from the installed extension: whatever they link to must be there.
describe('links in the docs pages', () => {
  const docs = path.join(root, 'docs');
  const pages = (readdirSync(docs, { recursive: true }) as string[]).filter((f) => f.endsWith('.md')).map((f) => path.join(docs, f));

  it('are real links, not file names in code', () => {
    // A page named in backticks cannot be clicked: `conventions.md` was one, and it was not even shipped.
    const named = pages.flatMap((page) => [...readFileSync(page, 'utf8').matchAll(/`([\w-][\w./-]*\.md)`/g)].map((m) => `${path.relative(root, page)}: ${m[1]}`));
    assert.deepEqual(named, []);
  });

  it('every relative link resolves to a file that the .vsix ships (.vscodeignore does not leave it out)', async function () {
    this.timeout(180000);
    // vsce's own list of what `npm run package` puts in the .vsix (the bundles need not be built: only docs/ is asked about).
    const packaged = new Set((await listFiles({ cwd: root, packageManager: PackageManager.None })).map((f) => f.split(path.sep).join('/')));
    assert.ok(packaged.has('docs/rules/recipients.md'), 'vsce lists no docs pages: the check would pass vacuously');
    const problems: string[] = [];
    let links = 0;
    for (const page of pages) {
      for (const target of relativeTargets(readFileSync(page, 'utf8'))) {
        links++;
        const file = path.resolve(path.dirname(page), decodeURI(target.replace(/[#?].*$/, '')));
        const shipped = path.relative(root, file).split(path.sep).join('/');
        const where = `${path.relative(root, page)} -> ${target}`;
        if (!existsSync(file)) problems.push(`${where}: no such file`);
        else if (!packaged.has(shipped) && ![...packaged].some((f) => f.startsWith(`${shipped}/`))) problems.push(`${where}: not in the .vsix`);
      }
    }
    assert.ok(links > 30, `only ${links} links found`);
    assert.deepEqual(problems, []);
  });
});
