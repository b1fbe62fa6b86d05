import * as assert from 'node:assert/strict';
import { catalogues, MessageId, pluralCategory, t, tn } from '../../../server/src/engine';
import { pluralForm } from '../../../client/src/plural';
import { codeWords, placeholders } from '../../support/i18n';
import { typographyProblems } from '../../support/typography';

/**
 * Messages whose French is rightly the same text as the English. Keep it short: each entry needs a
 * reason. `kind.division`: "division" is the same word in both languages ("this division" / "cette division").
 */
const IDENTICAL_ON_PURPOSE: readonly MessageId[] = ['kind.division'];

const ids = Object.keys(catalogues.en) as MessageId[];

describe('the engine message catalogue', () => {
  it('has every message id in both English and French, and nothing more in either', () => {
    assert.deepEqual(Object.keys(catalogues.fr).sort(), [...ids].sort());
    for (const id of ids) {
      assert.equal(typeof catalogues.en[id], 'string', id);
      assert.ok(catalogues.en[id].trim().length > 0, `${id}: empty English`);
      assert.ok(catalogues.fr[id].trim().length > 0, `${id}: empty French`);
    }
  });

  it('has a French text that differs from the English one, unless listed as identical on purpose', () => {
    const same = ids.filter((id) => catalogues.fr[id] === catalogues.en[id]);
    assert.deepEqual(same, [...IDENTICAL_ON_PURPOSE], 'untranslated messages (translate them, or list them with a reason)');
    for (const id of IDENTICAL_ON_PURPOSE) assert.ok(ids.includes(id), `${id} is listed as identical but does not exist`);
  });

  it('uses the same {placeholders} in both languages', () => {
    for (const id of ids) assert.deepEqual(placeholders(catalogues.fr[id]), placeholders(catalogues.en[id]), id);
  });

  it('writes its French with Canadian typography', () => {
    const words = codeWords();
    const problems = ids.flatMap((id) => typographyProblems(catalogues.fr[id], { codeWords: words }).map((p) => `${id}: ${p}`));
    assert.deepEqual(problems, []);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    assert.equal(t('fr', 'date.notReal', { value: '2021-02-30' }), 'La date 2021-02-30 n\u2019existe pas.');
    assert.equal(t('en', 'schema.required', {}), '"{key}" is missing.');
  });

  it('writes a number with a fraction with the language\'s decimal mark, and whole numbers as they are', () => {
    // policyMemo.maxFileSize can be 0.1 (its minimum): the status bar's tooltip and the large-file notice say it.
    assert.equal(t('fr', 'summary.run.large', { limit: 0.1 }), 'Vérifiée à l\u2019ouverture et à l\u2019enregistrement seulement\u00a0: la note dépasse policyMemo.maxFileSize (0,1\u00a0Mo).');
    assert.equal(t('en', 'summary.run.large', { limit: 0.1 }), 'Checked on open and save only: the memo is larger than policyMemo.maxFileSize (0.1 MB).');
    assert.equal(t('fr', 'server.largeFile', { limit: 2.5 }).includes('2,5\u00a0Mo'), true);
    assert.equal(t('fr', 'yaml.aliases', { limit: 10000 }).includes('plus de 10000\u00a0fois'), true);
  });
});

describe('singular and plural in the catalogue', () => {
  it('says a count with its own form, never "(s)"', () => {
    for (const locale of ['en', 'fr'] as const) {
      const hedged = ids.filter((id) => /\((?:s|x|e|es)\)|\ble ou les\b/.test(catalogues[locale][id]));
      assert.deepEqual(hedged, [], `${locale}: "(s)" forms`);
    }
  });

  it('has both forms of every counted message', () => {
    const singulars = ids.filter((id) => id.endsWith('.one'));
    assert.ok(singulars.length > 0);
    for (const id of singulars) assert.ok(ids.includes(id.replace(/\.one$/, '.other') as MessageId), `${id} has no plural`);
  });

  it('follows ICU plural rules: French 0 and 1 are singular, English only 1', () => {
    const table: [number, 'one' | 'other', 'one' | 'other'][] = [
      [0, 'other', 'one'],
      [1, 'one', 'one'],
      [2, 'other', 'other'],
      [21, 'other', 'other'],
      [1_000_000, 'other', 'other'],
    ];
    for (const [count, en, fr] of table) {
      assert.equal(pluralCategory('en', count), en, `en ${count}`);
      assert.equal(pluralCategory('fr', count), fr, `fr ${count}`);
      // The client's own copy (the engine stays out of its bundle) answers the same.
      assert.equal(pluralForm('en', count), en, `client en ${count}`);
      assert.equal(pluralForm('fr', count), fr, `client fr ${count}`);
    }
    assert.equal(tn('en', 'count.problems', 0), '0 problems');
    assert.equal(tn('en', 'count.problems', 1), '1 problem');
    assert.equal(tn('fr', 'count.problems', 0), '0\u00a0problème');
    assert.equal(tn('fr', 'count.errors', 2), '2\u00a0erreurs');
    assert.equal(tn('fr', 'cli.clean', 1, { files: 1 }), '1\u00a0fichier vérifié\u00a0: aucun problème.');
  });
});

describe('the typography check itself', () => {
  const words = new Set(['name', 'en', 'fr']);
  const bad: [string, RegExp][] = [
    ['Erreur YAML: la clé', /no no-break space before a colon/],
    ['Erreur YAML : la clé', /an ordinary space before punctuation/],
    ['Vouliez-vous dire «\u00a0to\u00a0»\u00a0?', /a space before ; ! or \?/],
    ['Vouliez-vous dire «\u00a0to\u00a0» ?', /an ordinary space before punctuation/],
    ['La clé « to » est vide.', /no no-break space after «/],
    ['La clé «\u00a0to » est vide.', /no no-break space before »/],
    ['La clé "to" est vide.', /straight quotes/],
    ['EXPEDITEUR\u00a0: Drew', /a capital without its accent/],
    ['Quoi\u202f?', /narrow no-break space/],
  ];
  for (const [text, problem] of bad) {
    it(`flags ${JSON.stringify(text)}`, () => {
      const found = typographyProblems(text, { codeWords: words });
      assert.ok(found.some((p) => problem.test(p)), `expected ${problem} in ${JSON.stringify(found)}`);
    });
  }

  const good = [
    'Chaque signataire s\u2019écrit avec name: et title: (et, au besoin, division:).',
    'Valeurs permises\u00a0: `en`, `fr`',
    'Objet\u00a0: «\u00a0Transformation\u00a0»; voir aussi la clé en: et fr:.',
    'Voir https://example.org/a:b et `a : b`.',
  ];
  for (const text of good) {
    it(`accepts ${JSON.stringify(text)}`, () => {
      assert.deepEqual(typographyProblems(text, { codeWords: new Set([...words, 'title', 'division']) }), []);
    });
  }
});
