import * as assert from 'node:assert/strict';
import { parseMemo } from '../../server/src/engine';
import { formatMemoDate, label, memoView, recipientsLabel, renderMemo, sendersLabel } from '../../server/src/preview';

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

describe('the contact in the preview and the export', () => {
  const memo = (lang: string, email: string) =>
    `---\nlang: ${lang}\nministry: {en: A, fr: B}\nto: [Everyone]\nfrom: [{name: Pat Doe, title: Director}]\ndate: 2021-06-11\nsubject: {en: Update, fr: Mise à jour}\ncontact:\n  name: Louis Tremblay\n  title: {en: Manager, fr: Gestionnaire}\n  email: ${email}\n---\nBody.\n`;
  it('is printed after the signatures as "Contact:" / "Personne-ressource :", name, title and e-mail as a mailto link', () => {
    const en = renderMemo(parseMemo(memo('en', 'louis.tremblay@ontario.ca'), 'markdown')).html;
    assert.match(en, /<section class="memo-contact"><p><span class="contact-label">Contact:<\/span> Louis Tremblay, Manager, <a href="mailto:louis.tremblay@ontario.ca">louis.tremblay@ontario.ca<\/a><\/p><\/section>/);
    assert.ok(en.indexOf('memo-signatures') < en.indexOf('memo-contact'));
    const fr = renderMemo(parseMemo(memo('fr', 'louis.tremblay@ontario.ca'), 'markdown')).html;
    assert.match(fr, new RegExp(`<span class="contact-label">Personne-ressource${NBSP}:</span> Louis Tremblay, Gestionnaire, <a href="mailto:`));
  });
  it('gives no link for an address that is not a plain e-mail', () => {
    const html = renderMemo(parseMemo(memo('en', '"javascript:alert(1)//@x.ca"'), 'markdown')).html;
    assert.ok(!html.includes('href="mailto:javascript'), html);
    assert.match(html, /javascript:alert\(1\)\/\/@x\.ca<\/p>/);
  });
});

describe('the title of the exported page', () => {
  const memo = (lang: string) => `---\nlang: ${lang}\nministry: {en: A, fr: B}\nto: [Everyone]\nfrom: [{name: Pat Doe, title: Director}]\ndate: 2021-06-11\nsubject: {en: Update, fr: Mise à jour}\n---\nBody.\n`;
  it('is the subject in both languages of a two-language memo, in its order', () => {
    assert.equal(renderMemo(parseMemo(memo('[en, fr]'), 'markdown')).title, 'Update / Mise à jour');
    assert.equal(renderMemo(parseMemo(memo('[fr, en]'), 'markdown')).title, 'Mise à jour / Update');
    assert.equal(renderMemo(parseMemo(memo('fr'), 'markdown')).title, 'Mise à jour');
  });
});
