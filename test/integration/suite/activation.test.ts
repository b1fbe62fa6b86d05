import * as assert from 'node:assert/strict';
import { diagnosticsWhen, memoUri, openMemo, policyMemo } from '../helpers';

// This file runs first (the runner loads the suite files in name order): nothing has opened a memo yet.
describe('Activation', () => {
  it('stays inactive until a memo is opened, then checks it', async () => {
    const extension = policyMemo();
    assert.equal(extension.isActive, false, 'the extension was active before any memo was opened');
    const uri = memoUri('broken.memo.md');
    const checked = diagnosticsWhen(uri, (ds) => ds.length > 0, 'the first diagnostics');
    await openMemo('broken.memo.md');
    await checked;
    assert.equal(extension.isActive, true);
  });
});
