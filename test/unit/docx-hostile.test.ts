import * as assert from 'node:assert/strict';
import { parseMemo } from '../../server/src/engine';
import { renderDocx, wellFormed } from '../../server/src/preview';
import { docxParts, paragraphTexts, part } from '../support/docx';
import { hostileMemo, PAYLOADS } from '../support/hostile';

describe('the preview\'s hostile corpus exported to Word', function () {
  this.timeout(60_000);
  for (const bilingual of [false, true]) {
    PAYLOADS.forEach((payload, n) => {
      it(`payload ${n + 1}${bilingual ? ' (two languages)' : ''}: only web and mail links, no macro, no altChunk, text kept as text`, async () => {
        const parts = await docxParts(await renderDocx(parseMemo(hostileMemo(payload, bilingual), 'markdown')));
        for (const [name, xml] of parts) {
          if (!name.endsWith('.rels')) continue;
          for (const rel of xml.matchAll(/<Relationship [^>]*>/g)) {
            if (!/TargetMode="External"/.test(rel[0])) continue;
            assert.match(rel[0], /Type="[^"]*\/hyperlink"/, `${name}: an external relationship that is not a hyperlink: ${rel[0]}`);
            assert.match(rel[0], /Target="(https?:|mailto:)/i, `${name}: ${rel[0]}`);
          }
          assert.doesNotMatch(xml, /aFChunk|vbaProject|attachedTemplate|oleObject/i, name);
        }
        assert.deepEqual([...parts.keys()].filter((name) => /vba|\.bin$|activeX|embeddings\//i.test(name)), [], 'no macro or embedded object part');
        assert.doesNotMatch(part(parts, '[Content_Types].xml'), /macroEnabled|vbaProject/i);
        const document = part(parts, 'word/document.xml');
        assert.doesNotMatch(document, /altChunk|<w:object|<w:fldSimple|INCLUDEPICTURE|INCLUDETEXT|<script|<iframe|<img /i);
        // The payload, in every field, is text: the subject line holds it exactly (broken surrogates mended).
        assert.ok(paragraphTexts(document).includes(wellFormed(payload)), 'the subject keeps the payload as text');
      });
    });
  }
});
