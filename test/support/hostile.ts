/**
 * Hostile memos: payloads that would run script, open a dialog or load something if any value reached
 * the page unescaped. Each payload sets window.__pwned and calls alert(), so either trips the test.
 */
export const PAYLOADS: readonly string[] = [
  '<script>window.__pwned=1;alert(1)</script>',
  '"><script>window.__pwned=2;alert(2)</script>',
  "'><img src=x onerror=\"window.__pwned=3;alert(3)\">",
  '<img src=x onerror=window.__pwned=4;alert(4)>',
  '<svg onload="window.__pwned=5;alert(5)"><script>alert(5)</script></svg>',
  '<svg><animate onbegin="window.__pwned=6;alert(6)" attributeName="x" dur="1s"/></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(7)>',
  '<iframe src="javascript:window.__pwned=8;alert(8)"></iframe>',
  '<a href="javascript:window.__pwned=9;alert(9)">click</a>',
  'javascript:window.__pwned=10;alert(10)',
  '<body onload="window.__pwned=11;alert(11)">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(12)">',
  '<link rel="stylesheet" href="https://evil.example/x.css"><style>@import "https://evil.example/y.css";</style>',
  '<object data="data:text/html,<script>alert(13)</script>"></object><embed src="javascript:alert(14)">',
  '<form action="https://evil.example"><input autofocus onfocus="alert(15)"></form>',
  '&lt;script&gt;alert(16)&lt;/script&gt; &#60;script&#62;alert(17)&#60;/script&#62; &#x3C;img src=x onerror=alert(18)&#x3E;',
  'broken \uD800 high, \uDC00 low, \uDBFF\uDBFF twice',
  '{{constructor.constructor("alert(19)")()}} ${alert(20)} `alert(21)`',
];

/** Body-only payloads: links, images and autolinks that markdown-it would turn into markup. */
export const BODY_PAYLOADS: readonly string[] = [
  '[click](javascript:window.__pwned=30;alert(30))',
  '[click](JaVaScRiPt:alert(31))',
  '[click](  javascript:alert(32))',
  '[click](&#106;avascript:alert(33))',
  '[click](java\tscript:alert(34))',
  '[click](vbscript:msgbox(35))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgzNik8L3NjcmlwdD4=)',
  '[click](file:///etc/passwd)',
  '[ref click][evil]\n\n[evil]: javascript:alert(37)',
  '<javascript:alert(38)>',
  '<https://ok.example/path>',
  '![tracker](https://evil.example/pixel.png)',
  '![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDM5KSIvPg==)',
  '![up](../../../etc/passwd.png)',
  '![js](javascript:alert(40))',
  '[click](https://ok.example "title\\" onmouseover=\\"alert(41)")',
  '```html\n<script>alert(42)</script>\n```',
  // Protocol-relative and network paths: an exported file opened from disk would resolve them to file://host/share.
  '[share](//evil.example/share)',
  '[unc](\\\\evil.example\\share)',
  '[slash](/\\evil.example/share)',
  '<//evil.example/autolink>',
  'see //evil.example/linkified',
  '[rel](../outside/notes.memo.md) [abs](/etc/passwd)',
];

/** YAML double-quoted scalars are JSON strings: every payload, lone surrogates included, survives as is. */
const q = (text: string) => JSON.stringify(text);

/** A memo with `payload` in every front-matter field and in the body. */
export function hostileMemo(payload: string, bilingual: boolean): string {
  const both = (text: string) => `{en: ${q(text)}, fr: ${q(text)}}`;
  const value = bilingual ? both(payload) : q(payload);
  const body = [payload, '', ...BODY_PAYLOADS.flatMap((p) => [p, ''])].join('\n');
  return [
    '---',
    `lang: ${bilingual ? '[en, fr]' : 'fr'}`,
    `ministry: ${both(payload)}`,
    `divisions: [${both(payload)}]`,
    `address: ${value}`,
    `reference: ${value}`,
    `to: [${value}, ${q(payload)}]`,
    `from: [{name: ${q(payload)}, title: ${value}, division: ${value}, gender: ${q(payload)}}]`,
    `date: ${q(payload)}`,
    `subject: ${value}`,
    `signature: ${q(payload)}`,
    `cc: [${value}]`,
    `attachments: [${value}]`,
    `contact: {name: ${q(payload)}, title: ${value}, email: ${q(payload)}}`,
    `translation: ${q(payload)}`,
    '---',
    bilingual ? `::: en\n${body}\n:::\n\n::: fr\n${body}\n:::\n` : body,
  ].join('\n');
}
