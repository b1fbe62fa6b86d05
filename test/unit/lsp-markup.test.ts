import * as assert from 'node:assert/strict';
import { markup, plainText } from '../../server/src/lsp/markup';

describe('documentation for a client that takes plain text only', () => {
  it('drops the Markdown markers, keeps the words, the code and the blocks apart', () => {
    assert.equal(plainText('**date**\n\nThe memo\u2019s date, `YYYY-MM-DD`.\n\nValues: `en`, `fr`'), 'date\n\nThe memo\u2019s date, YYYY-MM-DD.\n\nValues: en, fr');
  });

  it('writes list items after a dash and leaves escaped text as the reader sees it', () => {
    assert.equal(plainText('- one\n- *two*\n\n1 \\* 2 &amp; 3'), '- one\n\n- two\n\n1 * 2 & 3');
  });

  it('keeps Markdown as it is for a client that takes it', () => {
    assert.deepEqual(markup('**date**', 'markdown'), { kind: 'markdown', value: '**date**' });
    assert.deepEqual(markup('**date**', 'plaintext'), { kind: 'plaintext', value: 'date' });
  });
});
