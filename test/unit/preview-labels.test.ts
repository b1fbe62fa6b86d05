import * as assert from 'node:assert/strict';
import { formatMemoDate, label, memoView, recipientsLabel, sendersLabel } from '../../server/src/preview';

const NBSP = '\u00a0';

describe('preview labels', () => {
  it('writes the English header labels', () => {
    assert.equal(recipientsLabel('en', 2), 'TO:');
    assert.equal(sendersLabel('en', ['m', 'f']), 'FROM:');
    assert.equal(label('en', 'date'), 'DATE:');
    assert.equal(label('en', 'subject'), 'SUBJECT:');
    assert.equal(label('en', 'cc'), 'c.c.:');
    assert.equal(label('en', 'attachments'), 'Attach.:');
    assert.equal(label('en', 'signedBy'), 'Original signed by');
  });

  it('writes French labels with a no-break space before the colon, and c. c. / p. j. without one', () => {
    assert.equal(recipientsLabel('fr', 2), `DESTINATAIRES${NBSP}:`);
    assert.equal(recipientsLabel('fr', 1), `DESTINATAIRE${NBSP}:`);
    assert.equal(label('fr', 'date'), `DATE${NBSP}:`);
    assert.equal(label('fr', 'subject'), `OBJET${NBSP}:`);
    assert.equal(label('fr', 'cc'), `c.${NBSP}c.`);
    assert.equal(label('fr', 'attachments'), `p.${NBSP}j.`);
    assert.equal(label('fr', 'signedBy'), 'Version originale signée par');
    assert.equal(label('fr', 'title'), 'NOTE DE SERVICE');
  });

  it('says DESTINATAIRES for one recipient that names a group, DESTINATAIRE for one person, and follows toLabel', () => {
    const labelOf = (data: Record<string, unknown>) => {
      const view = memoView({ lang: 'fr', ...data });
      return recipientsLabel('fr', view.to.length, view.toLabel);
    };
    assert.equal(labelOf({ to: ['Gestionnaires des services municipaux regroupés'] }), `DESTINATAIRES${NBSP}:`);
    assert.equal(labelOf({ to: ['Personnel des bureaux régionaux'] }), `DESTINATAIRES${NBSP}:`);
    assert.equal(labelOf({ to: [{ en: 'Consolidated Municipal Service Managers', fr: 'Gestionnaires des services municipaux regroupés' }] }), `DESTINATAIRES${NBSP}:`);
    assert.equal(labelOf({ to: ['Sous-ministre adjointe, Emploi Ontario'] }), `DESTINATAIRE${NBSP}:`);
    assert.equal(labelOf({ to: ['Drew Vanderduim'] }), `DESTINATAIRE${NBSP}:`);
    assert.equal(labelOf({ to: ['Drew Vanderduim', 'Amara Okafor'] }), `DESTINATAIRES${NBSP}:`);
    assert.equal(labelOf({ to: ['Drew Vanderduim'], toLabel: 'plural' }), `DESTINATAIRES${NBSP}:`);
    assert.equal(labelOf({ to: ['Gestionnaires des services municipaux regroupés'], toLabel: 'singular' }), `DESTINATAIRE${NBSP}:`);
  });

  it('chooses the French sender label from the senders\' genders and number', () => {
    const cases: [(string | undefined)[], string][] = [
      [['m'], 'EXPÉDITEUR'],
      [['f'], 'EXPÉDITRICE'],
      [['m', 'f'], 'EXPÉDITEUR ET EXPÉDITRICE'],
      [['f', 'm'], 'EXPÉDITEUR ET EXPÉDITRICE'],
      [['m', 'm'], 'EXPÉDITEURS'],
      [['f', 'f', 'f'], 'EXPÉDITRICES'],
      [['m', 'm', 'f'], 'EXPÉDITEURS ET EXPÉDITRICE'],
      [['m', 'f', 'f'], 'EXPÉDITEUR ET EXPÉDITRICES'],
      [['m', 'm', 'f', 'f'], 'EXPÉDITEURS ET EXPÉDITRICES'],
      [['x'], 'EXPÉDITION'],
      [[undefined], 'EXPÉDITION'],
      [['m', undefined], 'EXPÉDITION'],
      [['f', 'x'], 'EXPÉDITION'],
      [[], 'EXPÉDITION'],
    ];
    for (const [genders, word] of cases) assert.equal(sendersLabel('fr', genders), `${word}${NBSP}:`, JSON.stringify(genders));
  });

  it('formats the date in the memo\'s language', () => {
    assert.equal(formatMemoDate('2021-06-11', 'en'), 'June 11, 2021');
    assert.equal(formatMemoDate('2021-06-11', 'fr'), 'Le 11 juin 2021');
    assert.equal(formatMemoDate('2021-06-01', 'fr'), 'Le 1er juin 2021');
    assert.equal(formatMemoDate('2021-06-01', 'en'), 'June 1, 2021');
    assert.equal(formatMemoDate('2026-08-02', 'fr'), 'Le 2 août 2026');
    assert.equal(formatMemoDate('2024-02-29', 'fr'), 'Le 29 février 2024');
  });

  it('leaves dates that are not real YYYY-MM-DD days to be shown as written', () => {
    assert.equal(formatMemoDate('2023-02-29', 'en'), undefined);
    assert.equal(formatMemoDate('June 11, 2021', 'fr'), undefined);
    assert.equal(formatMemoDate('2021-6-1', 'fr'), undefined);
  });
});
