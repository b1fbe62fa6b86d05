import * as assert from 'node:assert/strict';
import { closestKey } from '../../../server/src/engine/keys';

const ROOT = ['lang', 'ministry', 'divisions', 'address', 'reference', 'to', 'from', 'date', 'subject', 'signature', 'cc', 'attachments', 'contact', 'translation', 'body'];

describe('the closest known key', () => {
  const cases: [string, string][] = [
    ['destinataires', 'to'],
    ['Destinataires', 'to'],
    ['expéditeur', 'from'],
    ['expediteur', 'from'],
    ['objet', 'subject'],
    ['pj', 'attachments'],
    ['pièces jointes', 'attachments'],
    ['copies', 'cc'],
    ['langue', 'lang'],
    ['subjet', 'subject'],
    ['attachements', 'attachments'],
  ];
  for (const [unknown, key] of cases) {
    it(`${unknown} → ${key}`, () => assert.deepEqual(closestKey(unknown, ROOT), { key, safe: true }));
  }

  it('suggests nothing for a word unlike any key', () => assert.equal(closestKey('budget', ROOT), undefined));
  it('offers only keys still free', () => assert.equal(closestKey('objet', ROOT.filter((k) => k !== 'subject')), undefined));
  it('is not safe when two keys are equally close', () => assert.equal(closestKey('ab', ['aa', 'bb'])?.safe, false));
});
