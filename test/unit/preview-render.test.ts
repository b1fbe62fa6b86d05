import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseMemo } from '../../server/src/engine';
import { escapeHtml, isAllowedLink, isLocalImagePath, renderBody, renderMemo } from '../../server/src/preview';
import { ROOT } from '../support/memo';
import { matchSnapshot } from '../support/snapshot';

function render(text: string, kind: 'markdown' | 'yaml' = 'markdown', resolveImage?: (src: string) => string | undefined) {
  return renderMemo(parseMemo(text, kind), { resolveImage });
}

const HEADER = `---
lang: en
ministry:
  en: Ministry of Testing
  fr: Ministère des Essais
to:
  - Everyone
from:
  - name: Pat Doe
    title: Director
date: 2021-06-11
subject: A subject
---
`;

describe('preview renderer', () => {
  describe('snapshots', () => {
    const cases: [string, string, 'markdown' | 'yaml'][] = [
      ['reference', 'test/fixtures/reference/reference.memo.md', 'markdown'],
      ['winter-readiness.en', 'examples/winter-readiness.en.memo.md', 'markdown'],
      ['data-sharing', 'examples/data-sharing.memo.yaml', 'yaml'],
    ];
    for (const [name, file, kind] of cases) {
      it(`renders ${file} as in test/fixtures/preview/${name}.html`, () => {
        const rendered = render(readFileSync(path.join(ROOT, file), 'utf8'), kind);
        assert.equal(rendered.complete, true);
        matchSnapshot(`preview/${name}.html`, rendered.html);
      });
    }
  });

  it('renders the reference memo\'s letterhead, French labels, date and lists', () => {
    const { html, langs } = render(readFileSync(path.join(ROOT, 'test/fixtures/reference/reference.memo.md'), 'utf8'));
    assert.deepEqual(langs, ['fr']);
    assert.match(html, /<div class="lh-en" lang="en">Ministry of Children, Community and Social Services<\/div><div class="lh-fr" lang="fr">Ministère/);
    assert.match(html, /<h1 class="memo-title">NOTE DE SERVICE<\/h1>/);
    assert.ok(html.includes('DESTINATAIRES\u00a0:'));
    assert.ok(html.includes('EXPÉDITEUR ET EXPÉDITRICE\u00a0:'));
    assert.ok(html.includes('>Le 11 juin 2021<'));
    assert.ok(html.includes('OBJET\u00a0:'));
    assert.ok(html.includes('<p class="signed-by">Version originale signée par</p>'));
    assert.ok(html.includes('<div class="dist-label">c.\u00a0c.</div>'));
    assert.ok(html.includes('<div class="dist-label">p.\u00a0j.</div>'));
    // The reference memo's two `](#)` placeholder links are marked text, not links that go nowhere.
    assert.ok(html.includes('<span class="placeholder-link">vision ontarienne'));
    assert.ok(!html.includes('<a href="#">'));
  });

  it('splits a two-language memo into one page per language, in the order of lang', () => {
    const text = HEADER.replace('lang: en', 'lang: [fr, en]').replace('subject: A subject', 'subject:\n  en: Subject\n  fr: Objet') +
      'Shared intro.\n\n::: en\nEnglish part.\n:::\n\n::: fr\nPartie française.\n:::\n';
    const { html, langs } = render(text);
    assert.deepEqual(langs, ['fr', 'en']);
    const pages = html.split('<article').slice(1);
    assert.equal(pages.length, 2);
    assert.match(pages[0], /^ class="memo-page" lang="fr"/);
    assert.ok(pages[0].includes('Partie française.') && !pages[0].includes('English part.'));
    assert.ok(pages[1].includes('English part.') && !pages[1].includes('Partie française.'));
    assert.ok(pages[0].includes('Shared intro.') && pages[1].includes('Shared intro.'));
    assert.ok(pages[0].includes('NOTE DE SERVICE') && pages[1].includes('MEMORANDUM'));
    assert.ok(pages[0].includes('>Objet<') && pages[1].includes('>Subject<'));
  });

  it('keeps every language block of a one-language memo', () => {
    const html = renderBody('::: en\nOne.\n:::\n\n::: fr\nDeux.\n:::\n', undefined);
    assert.equal(html, '<div class="lang-block" lang="en">\n<p>One.</p>\n</div>\n<div class="lang-block" lang="fr">\n<p>Deux.</p>\n</div>\n');
  });

  it('leaves out "Original signed by" with signature: none', () => {
    const html = render(HEADER.replace('subject: A subject', 'subject: A subject\nsignature: none')).html;
    assert.ok(!html.includes('signed-by'));
    assert.ok(html.includes('<p class="sig-name">Pat Doe</p>'));
    assert.ok(render(HEADER).html.includes('<p class="signed-by">Original signed by</p>'));
  });

  it('shows a date that is not YYYY-MM-DD as written, escaped', () => {
    const html = render(HEADER.replace('date: 2021-06-11', 'date: "June 11 <b>"')).html;
    assert.ok(html.includes('June 11 &lt;b&gt;'));
  });

  it('renders a partial memo while the YAML is broken: body shown, header empty, not complete', () => {
    const rendered = render('---\nlang: [en\nto: x\n---\nStill **here**.\n');
    assert.equal(rendered.complete, false);
    assert.ok(rendered.html.includes('<strong>here</strong>'));
    assert.ok(rendered.html.includes('MEMORANDUM'));
  });

  it('renders a memo without front matter and a memo of the wrong shape without throwing', () => {
    assert.equal(render('Just text.').complete, false);
    assert.equal(render('---\n- a list\n---\n').complete, false);
    const odd = render('---\nlang: 42\nto: 7\nfrom: [1, {name: [x]}]\nministry: nope\ndivisions: [null]\ncc: one\n---\n');
    assert.equal(odd.complete, true);
    assert.ok(odd.html.includes('<p class="hb-line">7</p>'));
    assert.ok(odd.html.includes('<li>one</li>'));
  });

  it('escapes every front-matter value', () => {
    const evil = '<script>alert(1)</script>"\'&';
    const text = `---
lang: en
ministry: {en: '${evil.replace(/'/g, "''")}', fr: x}
to: ['${evil.replace(/'/g, "''")}']
from: [{name: '${evil.replace(/'/g, "''")}', title: t}]
date: '${evil.replace(/'/g, "''")}'
subject: '${evil.replace(/'/g, "''")}'
---
`;
    const html = render(text).html;
    assert.ok(!html.includes('<script'));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;'));
  });

  it('shows raw HTML in the body as text (markdown-it html: false)', () => {
    const html = renderBody('<img src=x onerror=alert(1)> <svg onload=alert(1)>\n', undefined);
    assert.equal(html, '<p>&lt;img src=x onerror=alert(1)&gt; &lt;svg onload=alert(1)&gt;</p>\n');
  });

  it('makes links only of absolute http(s) and mailto addresses and in-page # targets', () => {
    for (const good of ['https://ontario.ca', 'http://x.y', 'HTTPS://x.y', 'mailto:a@b.ca', '#', '#annex-a']) assert.ok(isAllowedLink(good), good);
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:x',
      'vbscript:x',
      'data:text/html,x',
      'data:image/png;base64,AA',
      'file:///etc/passwd',
      'ftp://x',
      '//host/share',
      '\\\\host\\share',
      '/\\host/share',
      '/etc/passwd',
      'other.memo.md',
      '../x',
      '',
    ]) {
      assert.ok(!isAllowedLink(bad), bad);
    }
    const html = renderBody('[a](javascript:alert(1)) [b](data:text/html,x) [c](https://ontario.ca) <javascript:alert(1)>\n', undefined);
    assert.ok(!html.includes('href="javascript'));
    assert.ok(!html.includes('href="data'));
    assert.ok(html.includes('<a href="https://ontario.ca">c</a>'));
  });

  it('leaves protocol-relative, network and relative links as plain text, written or linkified', () => {
    const html = renderBody('[share](//host.example/share) [unc](\\\\host.example\\share) [up](../notes.memo.md) see //host.example/share and <//host.example/x>\n', undefined);
    assert.ok(!html.includes('<a'), html);
    assert.ok(html.includes('share') && html.includes('//host.example/share'), html);
  });

  it('links e-mail addresses and web addresses written in the text', () => {
    const html = renderBody('Write to a.b@ontario.ca or see https://www.ontario.ca.\n', undefined);
    assert.ok(html.includes('<a href="mailto:a.b@ontario.ca">a.b@ontario.ca</a>'));
    assert.ok(html.includes('<a href="https://www.ontario.ca">https://www.ontario.ca</a>'));
  });

  it('loads images only from the memo\'s folder, through the resolver', () => {
    for (const good of ['chart.png', 'img/chart.png', './a b.png']) assert.ok(isLocalImagePath(good), good);
    for (const bad of ['../secret.png', 'img/../../x.png', '/etc/x.png', '\\\\server\\share\\x.png', 'https://x/y.png', 'file:///x.png', 'data:image/png;base64,AA', '']) {
      assert.ok(!isLocalImagePath(bad), bad);
    }
    const asked: string[] = [];
    const resolve = (src: string) => {
      asked.push(src);
      return src === 'chart.png' ? 'data:image/png;base64,AAAA' : undefined;
    };
    const html = render(HEADER + '![Chart "1"](chart.png) ![Remote](https://evil.example/x.png) ![Up](../x.png) ![Missing](none.png)\n', 'markdown', resolve).html;
    assert.deepEqual(asked, ['chart.png', 'none.png']);
    assert.ok(html.includes('<img src="data:image/png;base64,AAAA" alt="Chart &quot;1&quot;">'));
    assert.ok(html.includes('<span class="image-missing">[Remote]</span>'));
    assert.ok(html.includes('<span class="image-missing">[Up]</span>'));
    assert.ok(html.includes('<span class="image-missing">[Missing]</span>'));
    assert.ok(!html.includes('evil.example'));
  });

  it('replaces lone UTF-16 surrogates', () => {
    assert.equal(escapeHtml('a\uD800b\uDC00c\uD83D\uDE00'), 'a\uFFFDb\uFFFDc\uD83D\uDE00');
    const html = render(HEADER.replace('subject: A subject', 'subject: "bad \\uD800 text"')).html;
    assert.ok(html.includes('bad \uFFFD text'));
  });
});
