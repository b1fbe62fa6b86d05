import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { STARTER_FILES } from '../../client/src/workspace/configStarter';
import { checkMemo } from '../../server/src/engine';
import { loadConfigSync } from '../../server/src/workspace/config-folder';

describe('the starter files of a new .policy-memo/ folder', () => {
  for (const locale of ['en', 'fr'] as const) {
    it(`are valid as they are and change nothing (${locale})`, () => {
      const folder = path.join('/workspace', '.policy-memo');
      const files: Record<string, string> = STARTER_FILES[locale];
      const config = loadConfigSync(folder, (file) => files[path.basename(file)]);
      assert.deepEqual(config.problems, []);
      assert.equal(config.typography, 'canada');
      // The same findings as with no folder at all.
      const memo = '---\nlang: fr\nto: [Destinataires]\nfrom: [{name: Nom, title: Titre}]\ndate: 2026-13-01\nsubject: Objet\n---\n\nCorps.\n';
      assert.deepEqual(checkMemo(memo, 'markdown', { config }).findings.map((f) => f.message), checkMemo(memo, 'markdown').findings.map((f) => f.message));
      // Every line is a comment, a key of the schema or blank: the comments say, in the writer's language, what to set.
      assert.ok(files['config.yaml'].includes(locale === 'fr' ? 'Typographie' : 'typography'));
    });
  }
});
