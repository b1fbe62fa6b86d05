import {
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  Paragraph,
  ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { imageSize } from 'image-size';
import type MarkdownIt from 'markdown-it';
import { wellFormed } from './escape';
import type { MemoLang } from './labels';
import { decodeImageSrc, ImageResolver, isLocalImagePath } from './markdown';

type Token = MarkdownIt.Token;

/** Word's language tag for a memo language: Canadian English and Canadian French. */
export const WORD_LANG: Record<MemoLang, string> = { en: 'en-CA', fr: 'fr-CA' };

/** The lists' numbering definitions: bullets, and decimal numbers (one more per other start value). */
export const BULLETS = 'memo-bullets';
export const NUMBERS = 'memo-numbers';

/** Width of the text column: a Letter page less two one-inch margins, in twentieths of a point and in pixels at 96 dpi. */
export const TEXT_WIDTH_TWIPS = 9360;
const TEXT_WIDTH_PX = 624;
const MAX_IMAGE_HEIGHT_PX = 800;

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];

const ALLOWED_LINK = /^(https?:|mailto:)/i;
const IMAGE_TYPES: Record<string, 'png' | 'jpg' | 'gif'> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif' };

/** What the body writer needs from the document around it. */
export interface BodyContext {
  /** The section's language: runs outside `::: en` / `::: fr` blocks carry it. */
  lang: MemoLang;
  resolveImage?: ImageResolver;
  /** Gives each list its own numbering instance, so each list counts from its start. */
  nextListInstance(): number;
  /** The numbering reference of a numbered list starting at `start`. */
  numbersFrom(start: number): string;
}

interface RunFormat {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  code?: boolean;
  /** A style for every run of the paragraph (the header block's values, for instance). */
  style?: string;
}

interface ListLevel {
  reference: string;
  instance: number;
  /** Whether the next paragraph starts an item (it takes the number or bullet; later ones are indented only). */
  itemStarts: boolean;
}

/** A run of text in the memo's language, with its format; the text is made valid Unicode first. */
export function textRun(text: string, lang: MemoLang, format: RunFormat = {}): TextRun {
  return new TextRun({
    text: wellFormed(text),
    bold: format.bold,
    italics: format.italics,
    strike: format.strike,
    style: format.code ? 'MemoInlineCode' : format.style,
    language: { value: WORD_LANG[lang] },
  });
}

/** The plain text of inline tokens (an image's alt text). */
function plainText(tokens: readonly Token[] | null): string {
  return (tokens ?? []).map((t) => (t.type === 'image' ? plainText(t.children) : t.type === 'softbreak' || t.type === 'hardbreak' ? ' ' : t.content)).join('');
}

/** A picture from the memo's folder, through the preview's own image reader (same folder, types and size limit). */
function imageRun(token: Token, ctx: BodyContext, lang: MemoLang): ParagraphChild {
  const alt = plainText(token.children);
  const src = decodeImageSrc(token.attrGet('src') ?? '');
  const url = src !== undefined && isLocalImagePath(src) ? ctx.resolveImage?.(src) : undefined;
  const m = url === undefined ? null : /^data:([a-z/]+);base64,(.*)$/s.exec(url);
  const type = m ? IMAGE_TYPES[m[1]] : undefined;
  if (m && type) {
    const data = Buffer.from(m[2], 'base64');
    try {
      const size = imageSize(data);
      if (size.width && size.height) {
        const scale = Math.min(1, TEXT_WIDTH_PX / size.width, MAX_IMAGE_HEIGHT_PX / size.height);
        const transformation = { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
        return new ImageRun({ type, data, transformation, altText: { name: wellFormed(alt), description: wellFormed(alt), title: wellFormed(alt) } });
      }
    } catch {
      // An image whose size cannot be read is shown as its alt text, as the preview shows a missing one.
    }
  }
  return textRun(`[${alt}]`, lang);
}

/** Inline tokens as Word runs: bold, italic, strike-through, code, line breaks, links and images. */
export function inlineRuns(children: readonly Token[] | null, ctx: BodyContext, lang: MemoLang, base: RunFormat = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  const format: RunFormat = { ...base };
  let link: { href: string; runs: ParagraphChild[] } | undefined;
  const push = (child: ParagraphChild) => (link ? link.runs : out).push(child);
  for (const token of children ?? []) {
    switch (token.type) {
      case 'text':
        if (token.content !== '') push(textRun(token.content, lang, link ? { ...format, style: 'Hyperlink' } : format));
        break;
      case 'code_inline':
        push(textRun(token.content, lang, { ...format, code: true }));
        break;
      case 'softbreak':
        push(textRun(' ', lang, format));
        break;
      case 'hardbreak':
        push(new TextRun({ break: 1 }));
        break;
      case 'strong_open':
      case 'strong_close':
        format.bold = token.nesting === 1 || base.bold;
        break;
      case 'em_open':
      case 'em_close':
        format.italics = token.nesting === 1 || base.italics;
        break;
      case 's_open':
      case 's_close':
        format.strike = token.nesting === 1;
        break;
      case 'link_open': {
        // Only web and mail links are links in Word; a relative path or `#` placeholder stays text.
        const href = (token.attrGet('href') ?? '').trim();
        if (ALLOWED_LINK.test(href)) link = { href, runs: [] };
        break;
      }
      case 'link_close':
        if (link) {
          out.push(new ExternalHyperlink({ link: link.href, children: link.runs }));
          link = undefined;
        }
        break;
      case 'image':
        push(imageRun(token, ctx, lang));
        break;
      default:
        // Raw HTML is off in the memo's markdown: anything else is kept as its text.
        if (token.content) push(textRun(token.content, lang, format));
    }
  }
  if (link) out.push(...link.runs);
  return out;
}

/**
 * The memo body from markdown-it's tokens: paragraphs, headings (Word headings), lists with Word
 * numbering (nested), block quotes, tables, code and rules. Each run carries its language.
 */
export function bodyBlocks(tokens: readonly Token[], ctx: BodyContext): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const langs: MemoLang[] = [ctx.lang];
  const lists: ListLevel[] = [];
  let quote = 0;
  let heading: number | undefined;
  let table: { rows: TableRow[]; cells: TableCell[]; header: boolean; inHead: boolean } | undefined;
  const lang = () => langs[langs.length - 1];

  const paragraph = (children: ParagraphChild[]): Paragraph => {
    if (heading !== undefined) return new Paragraph({ heading: HEADINGS[heading - 1], children });
    const list = lists[lists.length - 1];
    if (list) {
      const level = lists.length - 1;
      if (list.itemStarts) {
        list.itemStarts = false;
        return new Paragraph({ style: 'MemoList', numbering: { reference: list.reference, level, instance: list.instance }, children });
      }
      return new Paragraph({ style: 'MemoListContinue', indent: { left: 720 * (level + 1) }, children });
    }
    return new Paragraph({ style: quote > 0 ? 'MemoQuote' : 'MemoBody', children });
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    switch (token.type) {
      case 'container_en_open':
      case 'container_fr_open':
        langs.push(token.type === 'container_en_open' ? 'en' : 'fr');
        break;
      case 'container_en_close':
      case 'container_fr_close':
        if (langs.length > 1) langs.pop();
        break;
      case 'heading_open':
        heading = Math.min(6, Math.max(1, Number(token.tag.slice(1)) || 1));
        break;
      case 'heading_close':
        heading = undefined;
        break;
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const start = Number(token.attrGet('start') ?? 1);
        const reference = token.type === 'bullet_list_open' ? BULLETS : ctx.numbersFrom(Number.isSafeInteger(start) && start >= 0 ? start : 1);
        lists.push({ reference, instance: ctx.nextListInstance(), itemStarts: false });
        break;
      }
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open':
        if (lists.length > 0) lists[lists.length - 1].itemStarts = true;
        break;
      case 'blockquote_open':
        quote++;
        break;
      case 'blockquote_close':
        quote--;
        break;
      case 'table_open':
        table = { rows: [], cells: [], header: false, inHead: false };
        break;
      case 'thead_open':
        if (table) table.inHead = true;
        break;
      case 'thead_close':
        if (table) table.inHead = false;
        break;
      case 'tr_open':
        if (table) table.cells = [];
        break;
      case 'th_open':
      case 'td_open': {
        const inline = tokens[i + 1]?.type === 'inline' ? tokens[++i] : undefined;
        const runs = inlineRuns(inline?.children ?? null, ctx, lang(), { bold: token.type === 'th_open' });
        table?.cells.push(new TableCell({ children: [new Paragraph({ style: 'MemoTableText', children: runs })] }));
        break;
      }
      case 'tr_close':
        if (table && table.cells.length > 0) table.rows.push(new TableRow({ children: table.cells, tableHeader: table.inHead, cantSplit: true }));
        break;
      case 'table_close':
        if (table && table.rows.length > 0) {
          const columns = Math.max(...table.rows.map((r) => r.cells.length));
          const width = Math.floor(TEXT_WIDTH_TWIPS / Math.max(1, columns));
          out.push(new Table({ rows: table.rows, width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA }, columnWidths: Array(columns).fill(width) }));
        }
        table = undefined;
        break;
      case 'inline':
        if (!table) out.push(paragraph(inlineRuns(token.children, ctx, lang())));
        break;
      case 'code_block':
      case 'fence': {
        const lines = token.content.replace(/\n$/, '').split('\n');
        const runs: ParagraphChild[] = [];
        lines.forEach((line, n) => {
          if (n > 0) runs.push(new TextRun({ break: 1 }));
          runs.push(textRun(line, lang(), { style: 'MemoInlineCode' }));
        });
        out.push(new Paragraph({ style: 'MemoCode', children: runs }));
        break;
      }
      case 'hr':
        out.push(new Paragraph({ style: 'MemoBody', thematicBreak: true, children: [] }));
        break;
      default:
        // paragraph_open/close, list_item_close and the table's body markers carry nothing to write.
        break;
    }
  }
  return out;
}
