import { isMap, isScalar, Node } from 'yaml';
import type { ParsedMemo } from '../engine/parse';
import { formatMemoDate } from './date';
import { escapeHtml } from './escape';
import { label, MemoLang, recipientsLabel, sendersLabel } from './labels';
import { BodyEnv, ImageResolver, renderBody } from './markdown';
import { inLang, MemoText, MemoView, memoView } from './model';

/**
 * What one render may inline in images, in data: URL characters (about 18 MB of image bytes):
 * every reference counts, since each is written out in full, so an image repeated many times
 * cannot make a page of hundreds of megabytes. Past it, an image shows as its alt text.
 */
export const IMAGE_BUDGET_CHARS = 24 * 1024 * 1024;

export interface RenderOptions {
  /** Where images of the memo's folder come from; without it, images show as their alt text. */
  resolveImage?: ImageResolver;
  /** The preview's scroll sync: each block and header row says its line in the memo file (`data-line`). Not in exports. */
  sourceLines?: boolean;
}

/** The `data-line` attribute of a part of the page, from the line of its key in the front matter ('' without one). */
type LineOf = (key: string) => string;

const NO_LINES: LineOf = () => '';

/** The line of each top-level key of the front matter, as `data-line` attributes. */
function frontMatterLines(memo: ParsedMemo): LineOf {
  const lines = new Map<string, number>();
  const contents = memo.doc?.contents;
  if (isMap(contents)) {
    for (const pair of contents.items) {
      const key = pair.key as Node | null;
      if (isScalar(key) && key.range && !lines.has(String(key.value))) lines.set(String(key.value), memo.lines.positionAt(memo.yamlStart + key.range[0]).line);
    }
  }
  // The memo's title stands for the front matter's first line.
  const first = memo.lines.positionAt(memo.kind === 'markdown' ? (memo.split?.frontMatter ? 0 : memo.body.start) : memo.yamlStart).line;
  return (key) => {
    const line = key === '' ? first : lines.get(key);
    return line === undefined ? '' : ` data-line="${line}"`;
  };
}

export interface RenderedMemo {
  /** The memo as an HTML fragment: one `.memo-page` per language, inside `.memo-pages`. */
  html: string;
  langs: MemoLang[];
  /** The subject in the memo's language, or in both of a two-language memo's (for a window or document title). */
  title: string;
  /** False when the YAML could not be read (syntax error, no front matter): the header block is then empty. */
  complete: boolean;
}

/** Renders a parsed memo (valid or not) in the official memo layout. Every value is escaped. */
export function renderMemo(memo: ParsedMemo, options: RenderOptions = {}): RenderedMemo {
  const complete = memo.data !== undefined && typeof memo.data === 'object' && memo.data !== null && !Array.isArray(memo.data);
  const view = memoView(complete ? memo.data : undefined);
  const env: BodyEnv = { resolveImage: options.resolveImage && withinBudget(options.resolveImage, IMAGE_BUDGET_CHARS) };
  const at = options.sourceLines ? frontMatterLines(memo) : NO_LINES;
  if (options.sourceLines) env.firstLine = memo.lines.positionAt(memo.body.start).line;
  const two = view.langs.length > 1;
  const pages = view.langs.map((lang) => page(view, lang, renderBody(memo.body.text, two ? lang : undefined, env), at));
  const html = `<div class="memo-pages memo-pages-${pages.length}">\n${pages.join('')}</div>\n`;
  // A two-language memo is titled in both of its languages, in its order ("Update / Mise à jour").
  const titles = [...new Set(view.langs.map((lang) => inLang(view.subject, lang)).filter((t): t is string => !!t))];
  return { html, langs: view.langs, title: titles.join(' / '), complete };
}

/** An image resolver for one render, which stops inlining once `budget` characters of data: URLs are used. */
function withinBudget(resolve: ImageResolver, budget: number): ImageResolver {
  let left = budget;
  return (relativePath) => {
    if (left <= 0) return undefined;
    const url = resolve(relativePath);
    if (url === undefined || url.length > left) return undefined;
    left -= url.length;
    return url;
  };
}

function page(view: MemoView, lang: MemoLang, body: string, at: LineOf): string {
  return [
    `<article class="memo-page" lang="${lang}" data-lang="${lang}">\n`,
    letterhead(view, at),
    view.reference === undefined ? '' : `<p class="memo-reference"${at('reference')}>${escapeHtml(inLang(view.reference, lang) ?? '')}</p>\n`,
    `<h1 class="memo-title"${at('')}>${label(lang, 'title')}</h1>\n`,
    headerBlock(view, lang, at),
    `<div class="memo-body">\n${body}</div>\n`,
    signatures(view, lang, at),
    contact(view, lang, at),
    distribution(view, lang, at),
    '</article>\n',
  ].join('');
}

/** One letterhead row: English on the left, French on the right, whatever the memo's language. */
function letterheadRow(kind: string, en: string | undefined, fr: string | undefined, line = ''): string {
  return (
    `<div class="lh-row lh-${kind}"${line}>` +
    `<div class="lh-en" lang="en">${escapeHtml(en ?? '')}</div>` +
    `<div class="lh-fr" lang="fr">${escapeHtml(fr ?? '')}</div></div>\n`
  );
}

function letterhead(view: MemoView, at: LineOf): string {
  const rows = [letterheadRow('ministry', view.ministry.en, view.ministry.fr, at('ministry'))];
  for (const division of view.divisions) rows.push(letterheadRow('division', division.en, division.fr, at('divisions')));
  if (view.address !== undefined) {
    rows.push(
      typeof view.address === 'string'
        ? `<div class="lh-row lh-address"${at('address')}><div class="lh-both">${escapeHtml(view.address)}</div></div>\n`
        : letterheadRow('address', view.address.en, view.address.fr, at('address')),
    );
  }
  return `<header class="letterhead">\n${rows.join('')}</header>\n`;
}

function lines(values: readonly (string | undefined)[], className: string): string {
  return values
    .filter((v): v is string => v !== undefined && v !== '')
    .map((v) => `<p class="${className}">${escapeHtml(v)}</p>`)
    .join('');
}

function headerRow(name: string, labelText: string, value: string, line: string): string {
  return `<div class="hb-row hb-${name}"${line}><div class="hb-label">${escapeHtml(labelText)}</div><div class="hb-value">${value}</div></div>\n`;
}

function headerBlock(view: MemoView, lang: MemoLang, at: LineOf): string {
  const to = lines(view.to.map((r) => inLang(r, lang)), 'hb-line');
  const from = view.from
    .map((s) => `<div class="hb-sender">${lines([s.name], 'hb-line hb-name')}${lines([inLang(s.title, lang)], 'hb-line')}</div>`)
    .join('');
  const date = view.date === undefined ? '' : escapeHtml(formatMemoDate(view.date, lang) ?? view.date);
  const subject = escapeHtml(inLang(view.subject, lang) ?? '');
  return (
    `<div class="memo-header">\n` +
    headerRow('to', recipientsLabel(lang, view.to.length, view.toLabel), to, at('to')) +
    headerRow('from', sendersLabel(lang, view.from.map((s) => s.gender)), from, at('from')) +
    headerRow('date', label(lang, 'date'), date, at('date')) +
    headerRow('subject', label(lang, 'subject'), subject, at('subject')) +
    `</div>\n`
  );
}

function signatures(view: MemoView, lang: MemoLang, at: LineOf): string {
  if (view.from.length === 0) return '';
  const signedBy = view.signature === 'original' ? `<p class="signed-by">${escapeHtml(label(lang, 'signedBy'))}</p>\n` : '';
  const people = view.from
    .map(
      (s) =>
        `<div class="signatory">${lines([s.name], 'sig-name')}${lines([inLang(s.title, lang)], 'sig-title')}` +
        `${lines([inLang(s.division, lang)], 'sig-division')}</div>\n`,
    )
    .join('');
  return `<section class="memo-signatures"${at('from')}>\n${signedBy}${people}</section>\n`;
}

/** An address that can be a mailto link as it is (no spaces, quotes or brackets). */
export const PLAIN_EMAIL = /^[^\s@<>"'()]+@[^\s@<>"'()]+\.[^\s@<>"'()]+$/;

/** `Contact: name, title, e-mail` (`Personne-ressource :` in French), the e-mail a mailto link. */
function contact(view: MemoView, lang: MemoLang, at: LineOf): string {
  const c = view.contact;
  if (!c) return '';
  const email = c.email?.trim();
  const parts = [c.name?.trim(), inLang(c.title, lang)?.trim()].filter((p): p is string => !!p).map(escapeHtml);
  if (email) parts.push(PLAIN_EMAIL.test(email) ? `<a href="mailto:${escapeHtml(email)}">${escapeHtml(email)}</a>` : escapeHtml(email));
  if (parts.length === 0) return '';
  return `<section class="memo-contact"${at('contact')}><p><span class="contact-label">${escapeHtml(label(lang, 'contact'))}</span> ${parts.join(', ')}</p></section>
`;
}

function distributionList(name: string, labelText: string, items: readonly MemoText[], lang: MemoLang, line: string): string {
  if (items.length === 0) return '';
  const entries = items.map((item) => `<li>${escapeHtml(inLang(item, lang) ?? '')}</li>`).join('');
  return `<div class="dist dist-${name}"${line}><div class="dist-label">${escapeHtml(labelText)}</div><ul class="dist-list">${entries}</ul></div>\n`;
}

function distribution(view: MemoView, lang: MemoLang, at: LineOf): string {
  const parts =
    distributionList('cc', label(lang, 'cc'), view.cc, lang, at('cc')) + distributionList('attachments', label(lang, 'attachments'), view.attachments, lang, at('attachments'));
  return parts === '' ? '' : `<section class="memo-distribution">\n${parts}</section>\n`;
}
