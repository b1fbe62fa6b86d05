import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { isMap, isScalar } from 'yaml';
import { MappedText, MappingBuilder } from './mapped';
import type { ParsedMemo } from '../parse';
import { mapScalar } from './scalars';
import { LineIndex } from '../text';

export type Language = 'en' | 'fr';

/** A Markdown link (or autolink) in the body, with document offsets. */
export interface BodyLink {
  href: string;
  /** The whole link: `[text](target)`, `[text][ref]` or `<url>`. */
  span: [number, number];
  /** The link's text between the brackets (the URL of an autolink). */
  textSpan: [number, number];
}

/** A Markdown image in the body, with document offsets. */
export interface BodyImage {
  /** Its alt text (between the brackets), as markdown-it reads it. */
  alt: string;
  /** The whole image: `![alt](target)` or `![alt][ref]`. */
  span: [number, number];
}

/** A stretch of the body: a `::: en` / `::: fr` block, or text outside any block. */
export interface BodySection {
  lang?: Language;
  /** The span of the `::: xx` line, for blocks. */
  fence?: [number, number];
  /** Where to report something about the section as a whole: its fence, else its first line. */
  anchor: [number, number];
  paragraphs: number;
  listItems: number;
  links: BodyLink[];
  images: BodyImage[];
  /** The words of each paragraph, heading and cell, decoded; code, HTML, images and autolinks are U+FFFC. */
  prose: MappedText[];
}

export interface Body {
  source?: MappedText;
  sections: BodySection[];
}

/** Stands in for code spans, HTML, images and autolinked URLs, so no text pattern runs across them. */
export const OPAQUE = '\ufffc';

/**
 * The Markdown reader of memo bodies. Inline HTML is parsed as HTML so its tags are not read as
 * words; escapes and entities stay separate tokens. Exported so a test can count the parses a check makes.
 */
export const bodyMarkdown = new MarkdownIt({ html: true });
bodyMarkdown.disable('text_join');

const FENCE_OPEN = /^ {0,3}:::[ \t]*(en|fr)[ \t]*$/;
const FENCE_CLOSE = /^ {0,3}:::[ \t]*$/;
const CODE_FENCE = /^ {0,3}(```|~~~)/;

const cache = new WeakMap<ParsedMemo, Body>();

/** The body's characters mapped to the document (for `.memo.yaml`, through the `body` scalar). */
export function bodySource(memo: ParsedMemo): MappedText | undefined {
  if (memo.kind === 'markdown') return MappedText.verbatim(memo.body.text, memo.body.start);
  const root = memo.doc?.contents;
  if (!isMap(root)) return undefined;
  const node = root.get('body', true);
  return isScalar(node) ? mapScalar(memo.text, memo.yamlStart, node) : undefined;
}

/**
 * The body read once per parse: its language blocks, their paragraphs, list items, links and words.
 * Every rule, and every later request on the same ParsedMemo, shares this one reading (markdown-it
 * is the costliest step of a check).
 */
export function analyzeBody(memo: ParsedMemo): Body {
  let body = cache.get(memo);
  if (!body) {
    body = analyze(memo);
    cache.set(memo, body);
  }
  return body;
}

function analyze(memo: ParsedMemo): Body {
  const source = bodySource(memo);
  if (!source || source.length === 0) return { source, sections: [] };
  const lines = new LineIndex(source.text);
  const sections: BodySection[] = [];
  let inCode = false;
  let open: { lang: Language; line: number } | undefined;
  let from = 0;
  const add = (start: number, end: number, lang?: Language, fenceLine?: number) => {
    const fence = fenceLine === undefined ? undefined : source.span(lines.lineStart(fenceLine), lines.lineEnd(fenceLine));
    const section = parseSection(source, start, end, lang, fence);
    if (section) sections.push(section);
  };
  for (let line = 0; line < lines.lineCount; line++) {
    const text = source.text.slice(lines.lineStart(line), lines.lineEnd(line));
    if (CODE_FENCE.test(text)) inCode = !inCode;
    if (inCode) continue;
    const opening = FENCE_OPEN.exec(text);
    if (opening && !open) {
      add(from, lines.lineStart(line));
      open = { lang: opening[1] as Language, line };
      from = lines.lineStart(line + 1);
    } else if (FENCE_CLOSE.test(text) && open) {
      add(from, lines.lineStart(line), open.lang, open.line);
      open = undefined;
      from = lines.lineStart(line + 1);
    }
  }
  add(from, source.length, open?.lang, open?.line);
  return { source, sections };
}

function parseSection(source: MappedText, from: number, to: number, lang: Language | undefined, fence: [number, number] | undefined): BodySection | undefined {
  const text = source.text.slice(from, to);
  if (!fence && text.trim() === '') return undefined;
  const mapped = source.slice(from, to);
  const lines = new LineIndex(text);
  const firstLine = Math.max(0, text.search(/\S/));
  const section: BodySection = {
    lang,
    fence,
    anchor: fence ?? mapped.span(firstLine, lines.lineEnd(lines.positionAt(firstLine).line)),
    paragraphs: 0,
    listItems: 0,
    links: [],
    images: [],
    prose: [],
  };
  let listDepth = 0;
  for (const token of bodyMarkdown.parse(text, {})) {
    if (token.type === 'list_item_open') {
      listDepth++;
      section.listItems++;
    } else if (token.type === 'list_item_close') listDepth--;
    else if (token.type === 'paragraph_open' && listDepth === 0) section.paragraphs++;
    else if (token.type === 'inline' && token.map) readInline(token, text, lines, mapped, section);
  }
  return section;
}

/** The inline token's content mapped to the document, through the section's text; undefined when it does not line up. */
function contentMap(token: Token, text: string, lines: LineIndex, section: MappedText): MappedText | undefined {
  const map = new MappingBuilder();
  const contentLines = token.content.split('\n');
  for (let k = 0; k < contentLines.length; k++) {
    const line = (token.map as [number, number])[0] + k;
    const lineStart = lines.lineStart(line);
    const source = text.slice(lineStart, lines.lineEnd(line));
    const content = contentLines[k];
    const stripped = content.replace(/^[ \t]+/, '');
    let column = source.endsWith(stripped) ? source.length - stripped.length : source.indexOf(stripped);
    if (column < 0) return undefined;
    if (stripped === '') column = source.length;
    const at = lineStart + column;
    // Indentation markdown-it kept but the line does not have sits at the first character.
    map.source(...section.span(at, at), content.length - stripped.length);
    map.copy(section, at, stripped.length);
    if (k < contentLines.length - 1) {
      const next = lines.lineStart(line + 1);
      map.source(...section.span(lines.lineEnd(line), Math.max(next, lines.lineEnd(line))), 1);
    }
  }
  return map.build(token.content, map.first ?? section.origin);
}

/** The end of a link's target after its closing `]`: `(…)` with nested parentheses, `[ref]`, or nothing. */
function skipTarget(content: string, j: number): number {
  if (content[j] === '[') {
    const close = content.indexOf(']', j);
    return close < 0 ? j : close + 1;
  }
  if (content[j] !== '(') return j;
  let depth = 0;
  for (let i = j; i < content.length; i++) {
    const c = content[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return content.length;
}

function readInline(token: Token, text: string, lines: LineIndex, section: MappedText, out: BodySection): void {
  const content = contentMap(token, text, lines, section);
  if (!content) return;
  const src = token.content;
  let prose = '';
  const map = new MappingBuilder();
  const push = (chars: string, start: number, end: number, each = false) => {
    prose += chars;
    if (each) map.copy(content, start, chars.length);
    else map.source(...content.span(start, Math.max(end, start)), chars.length);
  };
  const links: { start: number; href: string; auto: boolean }[] = [];
  let autolink = 0;
  let cursor = 0;
  const find = (needle: string): number => {
    const at = src.indexOf(needle, cursor);
    if (at < 0) throw new Misaligned();
    return at;
  };
  try {
    for (const child of token.children ?? []) {
      switch (child.type) {
        case 'text': {
          const at = find(child.content);
          if (autolink > 0) push(OPAQUE, at, at + child.content.length);
          else push(child.content, at, 0, true);
          cursor = at + child.content.length;
          break;
        }
        case 'text_special': {
          const at = find(child.markup);
          push(child.content, at, at + child.markup.length);
          cursor = at + child.markup.length;
          break;
        }
        case 'softbreak':
        case 'hardbreak': {
          const at = find('\n');
          push('\n', at, at + 1);
          cursor = at + 1;
          break;
        }
        case 'code_inline': {
          const at = find(child.markup);
          const close = src.indexOf(child.markup, at + child.markup.length + child.content.length);
          const end = close < 0 ? src.length : close + child.markup.length;
          push(OPAQUE, at, end);
          cursor = end;
          break;
        }
        case 'html_inline': {
          const at = find(child.content);
          push(OPAQUE, at, at + child.content.length);
          cursor = at + child.content.length;
          break;
        }
        case 'image': {
          const at = find('![');
          cursor = at + 2;
          const close = find(']');
          const end = skipTarget(src, close + 1);
          push(OPAQUE, at, end);
          out.images.push({ alt: child.content, span: content.span(at, end) });
          cursor = end;
          break;
        }
        case 'link_open': {
          const auto = child.markup === 'autolink' || child.markup === 'linkify';
          const at = find(auto ? '<' : '[');
          links.push({ start: at, href: child.attrGet('href') ?? '', auto });
          if (auto) autolink++;
          cursor = at + 1;
          break;
        }
        case 'link_close': {
          const link = links.pop();
          if (!link) break;
          if (link.auto) autolink--;
          const close = find(link.auto ? '>' : ']');
          const end = link.auto ? close + 1 : skipTarget(src, close + 1);
          out.links.push({ href: link.href, span: content.span(link.start, end), textSpan: content.span(link.start + 1, close) });
          cursor = end;
          break;
        }
        default:
          if (child.markup && child.nesting !== 0) cursor = find(child.markup) + child.markup.length;
      }
    }
  } catch (error) {
    if (error instanceof Misaligned) return;
    throw error;
  }
  out.prose.push(map.build(prose, map.first ?? content.origin));
}

/** The token stream and the source could not be lined up (an unusual construct): the paragraph is skipped. */
class Misaligned extends Error {}
