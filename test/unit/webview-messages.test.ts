import * as assert from 'node:assert/strict';
import { isExternalLink, parseWebviewMessage, webviewCsp, webviewHtml } from '../../server/src/preview';

describe('preview webview protocol', () => {
  it('accepts only the allow-listed messages', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'openLink', href: 'https://ontario.ca' }), { type: 'openLink', href: 'https://ontario.ca' });
    const rejected: unknown[] = [
      null, 'ready', 42, [], {}, { type: 'eval', code: 'x' }, { type: 'ready', extra: 1 },
      { type: 'openLink' }, { type: 'openLink', href: 7 }, { type: 'openLink', href: 'https://x', command: 'y' },
      { type: 'openLink', href: 'javascript:alert(1)' }, { type: 'openLink', href: 'command:workbench.action.terminal.new' },
      { type: 'openLink', href: 'file:///etc/passwd' }, { type: 'openLink', href: 'vscode://x' },
    ];
    for (const message of rejected) assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message));
  });

  it('opens only http, https and mailto links', () => {
    for (const href of ['http://a.ca', 'https://a.ca/x?y#z', 'mailto:a@b.ca', 'HTTPS://A.CA']) assert.ok(isExternalLink(href), href);
    for (const href of ['#', 'x.html', 'javascript:x', 'data:text/html,x', 'command:x', 'vscode:x', 'file:///x', `https://a.ca/${'x'.repeat(3000)}`]) {
      assert.ok(!isExternalLink(href), href.slice(0, 40));
    }
  });

  it('builds a page whose CSP allows nothing but the media folder\'s styles and the nonce script', () => {
    const csp = webviewCsp('https://media.example', 'abc123');
    assert.equal(csp, "default-src 'none'; style-src https://media.example; script-src 'nonce-abc123'; img-src data:; base-uri 'none'; form-action 'none'");
    const html = webviewHtml({
      cspSource: 'https://media.example',
      nonce: 'abc123',
      styles: ['https://media.example/memo.css'],
      script: 'https://media.example/preview.js',
      uiLang: 'fr',
      text: { toolbar: 'Langue', english: 'English', french: 'Français', both: '<Les deux>' },
    });
    assert.ok(html.includes(`content="${csp.replace(/'/g, '&#39;')}"`));
    assert.ok(html.includes('<script nonce="abc123" src="https://media.example/preview.js"></script>'));
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.ok(html.includes('&lt;Les deux&gt;'));
  });
});
