import * as assert from 'node:assert/strict';
import { applyEdits, checkMemo, MemoKind } from '../../../server/src/engine';

const FRONT = `lang: fr
ministry:
  en: Ministry of Children, Community and Social Services
  fr: Ministère des Services à l'enfance et des Services sociaux et communautaires
to:
  - Gestionnaires des services municipaux regroupés
from:
  - name: Drew Vanderduim
    title: Sous-ministre adjointe
date: 2021-06-11
subject: Transformation des services d'emploi
`;

function moved(body: string, kind: MemoKind = 'markdown', locale: 'en' | 'fr' = 'en'): { text: string; titles: string[] } | undefined {
  const text = kind === 'markdown' ? `---\n${FRONT}---\n${body}\n` : `${FRONT}body: |\n${body.split('\n').map((l) => (l ? `  ${l}` : '')).join('\n')}\n`;
  const finding = checkMemo(text, kind, { locale }).findings.find((f) => f.rule === 'acronym');
  assert.ok(finding, 'an acronym finding');
  const move = finding.fixes[0];
  if (!move || move.safe) return undefined;
  const fixed = applyEdits(text, move.edits);
  assert.deepEqual(checkMemo(fixed, kind).findings.filter((f) => f.rule === 'acronym'), [], fixed);
  const start = kind === 'markdown' ? fixed.indexOf('---\n', 4) + 4 : fixed.indexOf('body: |\n') + 8;
  return { text: fixed.slice(start).replace(/^ {2}/gm, '').trimEnd(), titles: finding.fixes.map((f) => f.title) };
}

describe('acronym: "Move the definition to the first use"', () => {
  it('rewrites the first use as Full name (ACR) and the late definition as the bare acronym, in one edit set', () => {
    const result = moved('On lance la TSE.\n\nLa transformation des services d\'emploi (TSE) progresse.');
    assert.deepEqual(result, {
      text: 'On lance la transformation des services d\'emploi (TSE).\n\nLa TSE progresse.',
      titles: ['Move the definition of TSE to its first use'],
    });
  });

  it('moves an ACR (Full name) definition the same way, in a .memo.yaml body too', () => {
    const body = 'The CMSM meet in May.\n\nEach CMSM (Consolidated Municipal Service Manager) reports.';
    const expected = 'The CMSM (Consolidated Municipal Service Manager) meet in May.\n\nEach CMSM reports.';
    assert.equal(moved(body)?.text, expected);
    assert.equal(moved(body, 'yaml')?.text, expected);
  });

  it('skips linking words and reads the initials of a long French name', () => {
    const result = moved('Le MTFDC finance.\n\nLe ministère du Travail, de la Formation et du Développement des compétences (MTFDC) agit.', 'markdown', 'fr');
    assert.equal(result?.text, 'Le ministère du Travail, de la Formation et du Développement des compétences (MTFDC) finance.\n\nLe MTFDC agit.');
    assert.deepEqual(result?.titles, ['Déplacer la définition de MTFDC à sa première occurrence']);
  });

  it('is not offered when the words before the parenthesis do not spell the acronym', () => {
    assert.equal(moved('La TSE avance.\n\nUn beau projet (TSE) avance.'), undefined);
  });
});
