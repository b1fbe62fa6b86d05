import * as assert from 'node:assert/strict';
import { codeWords, readJson } from '../../support/i18n';
import { typographyProblems } from '../../support/typography';

type Json = unknown;

/** The product's name: shown as is in both languages (command category, settings title). */
const PRODUCT_NAME = 'Policy Memo';

/** Manifest fields that VS Code shows to the writer. */
const SHOWN = new Set([
  'title',
  'shortTitle',
  'description',
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'deprecationMessage',
  'markdownDeprecationMessage',
  'label',
]);

/** Every string in the manifest, with its path (`contributes.commands.0.title`). */
function strings(node: Json, where: string[] = []): { where: string; key: string; value: string }[] {
  if (typeof node === 'string') return [{ where: where.join('.'), key: where[where.length - 1] ?? '', value: node }];
  if (Array.isArray(node)) {
    // An array's items are shown under the array's own name (enumDescriptions).
    return node.flatMap((item, i) => strings(item, [...where, String(i)]).map((s) => (typeof item === 'string' ? { ...s, key: where[where.length - 1] } : s)));
  }
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => strings(value, [...where, key]));
}

const PLACEHOLDER = /^%([^%\s]+)%$/;

describe('the manifest in two languages (package.nls.json, package.nls.fr.json)', () => {
  const manifest = readJson('package.json');
  const en = readJson<Record<string, string>>('package.nls.json');
  const fr = readJson<Record<string, string>>('package.nls.fr.json');
  const all = strings(manifest);
  const used = all.map((s) => PLACEHOLDER.exec(s.value)?.[1]).filter((k): k is string => k !== undefined);

  it('resolves every %key% of package.json in both languages', () => {
    assert.ok(used.length > 0, 'package.json uses no %key% placeholders');
    assert.deepEqual(used.filter((k) => !(k in en)), [], 'missing from package.nls.json');
    assert.deepEqual(used.filter((k) => !(k in fr)), [], 'missing from package.nls.fr.json');
  });

  it('has the same keys in package.nls.fr.json as in package.nls.json, and no key package.json does not use', () => {
    assert.deepEqual(Object.keys(fr).sort(), Object.keys(en).sort());
    assert.deepEqual(Object.keys(en).filter((k) => !used.includes(k)), [], 'unused keys');
  });

  it('names its keys by what they label (extension.*, capabilities.*, config.*, command.*, menu.*, snippet.*, view.*)', () => {
    assert.deepEqual(Object.keys(en).filter((k) => !/^(extension|capabilities|config|command|menu|snippet|view)\.[\w.]+$/.test(k)), []);
  });

  it('shows the writer no text that bypasses the nls files (command titles, settings, menus)', () => {
    const shown = all.filter((s) => SHOWN.has(s.key) && (s.where.startsWith('contributes.') || s.where.startsWith('capabilities.') || s.where === 'description'));
    const literal = shown.filter((s) => !PLACEHOLDER.test(s.value) && s.value !== PRODUCT_NAME).map((s) => `${s.where}: ${s.value}`);
    assert.deepEqual(literal, []);
  });

  it('has French that is not the English, written with Canadian typography', () => {
    assert.deepEqual(Object.keys(en).filter((k) => en[k] === fr[k]), [], 'untranslated');
    const words = codeWords();
    assert.deepEqual(Object.entries(fr).flatMap(([k, v]) => typographyProblems(v, { codeWords: words }).map((p) => `${k}: ${p}`)), []);
  });
});
