import * as assert from 'node:assert/strict';
import { browserCandidates, findBrowser } from '../../server/src/preview';

describe('the browser that prints PDFs', () => {
  it('takes the path given, and only that one', () => {
    const installed = new Set(['/opt/custom/chrome', '/usr/bin/chromium']);
    const isFile = (file: string) => installed.has(file);
    assert.equal(findBrowser({ explicit: '/opt/custom/chrome', isFile, platform: 'linux' }), '/opt/custom/chrome');
    assert.equal(findBrowser({ explicit: '/opt/missing/chrome', isFile, platform: 'linux' }), undefined, 'a wrong path is not replaced by a guess');
  });

  it('looks for Chrome, then Edge, then Chromium in their usual places on Linux, Windows and macOS', () => {
    const linux = browserCandidates('linux', {});
    assert.ok(linux.indexOf('/usr/bin/google-chrome') < linux.indexOf('/usr/bin/microsoft-edge'));
    assert.ok(linux.indexOf('/usr/bin/microsoft-edge') < linux.indexOf('/usr/bin/chromium'));
    const windows = browserCandidates('win32', { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' });
    assert.ok(windows.includes('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'));
    assert.ok(windows.includes('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'));
    assert.ok(windows.includes('C:\\Users\\a\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe'));
    const mac = browserCandidates('darwin', { HOME: '/Users/a' });
    assert.equal(mac[0], '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    assert.ok(mac.includes('/Users/a/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'));
    assert.equal(findBrowser({ platform: 'darwin', env: {}, isFile: (f) => f.includes('Edge') }), '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
  });

  it('finds none when none is installed (the command then says how to give the path)', () => {
    assert.equal(findBrowser({ platform: 'linux', env: {}, isFile: () => false }), undefined);
    assert.equal(findBrowser({ platform: 'win32', env: {}, isFile: () => false }), undefined);
  });
});
