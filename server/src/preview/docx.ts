import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  ImageRun,
  ILevelsOptions,
  INumberingOptions,
  IParagraphStyleOptions,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import JSZip from 'jszip';
import { checkMemo, CheckOptions } from '../engine/check';
import type { Finding } from '../engine/findings';
import type { MemoKind, ParsedMemo } from '../engine/parse';
import { formatMemoDate } from './date';
import { BodyContext, bodyBlocks, BULLETS, NUMBERS, TEXT_WIDTH_TWIPS, textRun, WORD_LANG } from './docx-body';
import type { DocxTemplate } from './docx-template';
import { label, MemoLang, recipientsLabel, sendersLabel } from './labels';
import { bodyTokens } from './markdown';
import { inLang, MemoText, MemoView, memoView } from './model';
import { PLAIN_EMAIL, type RenderOptions } from './render';

const FONT = 'Arial';
const NONE = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
/** Letter paper and one-inch margins, in twentieths of a point. */
const PAGE = { size: { width: 12240, height: 15840 }, margin: { top: 1440, right: 1440, bottom: 1440, left: 1440, header: 720, footer: 720 } };
const LABEL_WIDTH = 2880;

export interface DocxResult {
  /** The .docx file's bytes. */
  bytes: Uint8Array;
  /** The memo's findings: a memo with errors is still exported, and the caller says so. */
  findings: Finding[];
}

export interface DocxOptions extends RenderOptions {
  /** A ministry's template (`.policy-memo/template.docx`): its styles and first-page logo replace the built-in ones. */
  template?: DocxTemplate;
}

/** Checks a memo and writes it as a Word document in the official layout. */
export async function exportDocx(text: string, kind: MemoKind, options: CheckOptions & DocxOptions = {}): Promise<DocxResult> {
  const { memo, findings } = checkMemo(text, kind, options);
  return { bytes: await renderDocx(memo, options), findings };
}

/**
 * A parsed memo (valid or not) as a Word document, from the same view and body tokens as the HTML:
 * one section per language in `lang` order, real Word styles a ministry can restyle, every run in
 * its language, headers as borderless layout tables, page numbers from the second page.
 */
export async function renderDocx(memo: ParsedMemo, options: DocxOptions = {}): Promise<Uint8Array> {
  const { template } = options;
  const view = memoView(memo.data);
  const two = view.langs.length > 1;
  let instances = 0;
  const starts = new Map<number, string>();
  const sections = view.langs.map((lang) => {
    const ctx: BodyContext = {
      lang,
      resolveImage: options.resolveImage,
      nextListInstance: () => ++instances,
      numbersFrom: (start) => {
        if (start === 1) return NUMBERS;
        const reference = `${NUMBERS}-${start}`;
        starts.set(start, reference);
        return reference;
      },
    };
    const body = bodyBlocks(bodyTokens(memo.body.text, two ? lang : undefined, {}), ctx);
    return {
      properties: { page: PAGE, titlePage: true },
      footers: { default: pageNumberFooter(lang), first: new Footer({ children: [] }) },
      ...(template && template.logo.length > 0 ? { headers: { first: logoHeader(template) } } : {}),
      children: [...frontOfMemo(view, lang), ...body, ...signatures(view, lang), ...contact(view, lang), ...distribution(view, lang)],
    };
  });
  const first = view.langs[0];
  const subject = inLang(view.subject, first);
  const doc = new Document({
    title: subject,
    subject: allSides(view.subject),
    creator: view.from[0]?.name,
    lastModifiedBy: view.from[0]?.name,
    description: first === 'fr' ? 'Note de service' : 'Memorandum',
    ...(template ? { externalStyles: template.styles, styles: missingStyles(styles(first), template.styleIds) } : { styles: styles(first) }),
    numbering: numbering(starts),
    sections,
  });
  return withLanguage(await Packer.toBuffer(doc), WORD_LANG[first]);
}

/** The document's language property (`dc:language`, which the docx package does not write), the memo's first language. */
async function withLanguage(bytes: Uint8Array, lang: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const core = await zip.file('docProps/core.xml')?.async('string');
  if (core === undefined || core.includes('<dc:language>')) return bytes;
  zip.file('docProps/core.xml', core.replace('</cp:coreProperties>', `<dc:language>${lang}</dc:language></cp:coreProperties>`));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** The subject in every language the memo gives, for the document's Subject property. */
function allSides(value: MemoText | undefined): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  return [value.en, value.fr].filter((v) => v !== undefined && v !== '').join(' / ') || undefined;
}

/** With a template, its styles win: only the memo styles it does not define are added, and its document defaults stay. */
function missingStyles(builtIn: ReturnType<typeof styles>, defined: ReadonlySet<string>) {
  return {
    paragraphStyles: builtIn.paragraphStyles.filter((style) => !defined.has(style.id)),
    characterStyles: builtIn.characterStyles.filter((style) => !defined.has(style.id)),
  };
}

/** The template's first-page header pictures (its logo), on the first page of each language. */
function logoHeader(template: DocxTemplate): Header {
  const pictures = template.logo.map(
    (image) =>
      new ImageRun({
        type: image.type,
        data: image.data,
        transformation: { width: image.width, height: image.height },
        altText: { name: 'Logo', description: image.description, title: image.description },
      }),
  );
  return new Header({ children: [new Paragraph({ children: pictures })] });
}

function pageNumberFooter(lang: MemoLang): Footer {
  return new Footer({
    children: [new Paragraph({ style: 'MemoFooter', children: [new TextRun({ children: [PageNumber.CURRENT], language: { value: WORD_LANG[lang] } })] })],
  });
}

function cell(children: Paragraph[], width: number, columnSpan?: number): TableCell {
  return new TableCell({
    children: children.length > 0 ? children : [new Paragraph({})],
    width: { size: width, type: WidthType.DXA },
    columnSpan,
    borders: NO_BORDERS,
  });
}

/** A borderless table used for layout only (no header row, fixed columns), as Word's accessibility checker expects. */
function layoutTable(rows: TableRow[], columnWidths: number[]): Table {
  return new Table({
    rows,
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    tableLook: { firstRow: false, firstColumn: false, lastRow: false, lastColumn: false, noHBand: true, noVBand: true },
  });
}

function para(style: string, text: string | undefined, lang: MemoLang): Paragraph {
  return new Paragraph({ style, children: text ? [textRun(text, lang)] : [] });
}

/** The letterhead (English left, French right), the address, the reference, the title and the header block. */
function frontOfMemo(view: MemoView, lang: MemoLang): (Paragraph | Table)[] {
  const half = TEXT_WIDTH_TWIPS / 2;
  const row = (style: string, en: string | undefined, fr: string | undefined) =>
    new TableRow({ cantSplit: true, children: [cell([para(style, en, 'en')], half), cell([para(style, fr, 'fr')], half)] });
  const rows = [row('MemoLetterhead', view.ministry.en, view.ministry.fr)];
  for (const division of view.divisions) rows.push(row('MemoLetterheadDivision', division.en, division.fr));
  if (typeof view.address === 'string') {
    rows.push(new TableRow({ children: [cell([para('MemoAddress', view.address, lang)], TEXT_WIDTH_TWIPS, 2)] }));
  } else if (view.address) {
    rows.push(row('MemoAddress', view.address.en, view.address.fr));
  }
  const out: (Paragraph | Table)[] = [layoutTable(rows, [half, half])];
  if (view.reference !== undefined) out.push(para('MemoReference', inLang(view.reference, lang), lang));
  out.push(para('MemoTitle', label(lang, 'title'), lang));
  out.push(headerBlock(view, lang));
  return out;
}

function headerRow(labelText: string, values: Paragraph[], lang: MemoLang): TableRow {
  return new TableRow({
    cantSplit: true,
    children: [cell([para('MemoLabel', labelText, lang)], LABEL_WIDTH), cell(values, TEXT_WIDTH_TWIPS - LABEL_WIDTH)],
  });
}

function headerBlock(view: MemoView, lang: MemoLang): Table {
  const lines = (values: readonly (string | undefined)[], style = 'MemoValue') =>
    values.filter((v): v is string => v !== undefined && v !== '').map((v) => para(style, v, lang));
  const to = lines(view.to.map((r) => inLang(r, lang)));
  const from = view.from.flatMap((s) => [...lines([s.name], 'MemoValueName'), ...lines([inLang(s.title, lang)])]);
  const date = view.date === undefined ? [] : lines([formatMemoDate(view.date, lang) ?? view.date]);
  const subject = lines([inLang(view.subject, lang)], 'MemoSubject');
  const rows = [
    headerRow(recipientsLabel(lang, view.to.length), to, lang),
    headerRow(sendersLabel(lang, view.from.map((s) => s.gender)), from, lang),
    headerRow(label(lang, 'date'), date, lang),
    headerRow(label(lang, 'subject'), subject, lang),
  ];
  return layoutTable(rows, [LABEL_WIDTH, TEXT_WIDTH_TWIPS - LABEL_WIDTH]);
}

function signatures(view: MemoView, lang: MemoLang): Paragraph[] {
  if (view.from.length === 0) return [];
  const out: Paragraph[] = [];
  if (view.signature === 'original') out.push(para('MemoSignedBy', label(lang, 'signedBy'), lang));
  for (const s of view.from) {
    for (const [style, text] of [
      ['MemoSignatureName', s.name],
      ['MemoSignature', inLang(s.title, lang)],
      ['MemoSignature', inLang(s.division, lang)],
    ] as const) {
      if (text) out.push(para(style, text, lang));
    }
  }
  return out;
}

/** `Contact: name, title, e-mail` (`Personne-ressource :` in French), as the preview prints it; the e-mail a mailto hyperlink. */
function contact(view: MemoView, lang: MemoLang): Paragraph[] {
  const c = view.contact;
  if (!c) return [];
  const email = c.email?.trim();
  const parts: (TextRun | ExternalHyperlink)[] = [c.name?.trim(), inLang(c.title, lang)?.trim()].filter((p): p is string => !!p).map((p) => textRun(p, lang));
  if (email) parts.push(PLAIN_EMAIL.test(email) ? new ExternalHyperlink({ link: `mailto:${email}`, children: [textRun(email, lang, { style: 'Hyperlink' })] }) : textRun(email, lang));
  if (parts.length === 0) return [];
  const children: (TextRun | ExternalHyperlink)[] = [textRun(label(lang, 'contact'), lang, { bold: true }), textRun(' ', lang)];
  parts.forEach((part, i) => children.push(...(i > 0 ? [textRun(', ', lang)] : []), part));
  return [new Paragraph({ style: 'MemoBody', children })];
}

function distribution(view: MemoView, lang: MemoLang): Paragraph[] {
  const list = (labelText: string, items: readonly MemoText[]) =>
    items.length === 0 ? [] : [para('MemoDistributionLabel', labelText, lang), ...items.map((item) => para('MemoDistribution', inLang(item, lang), lang))];
  return [...list(label(lang, 'cc'), view.cc), ...list(label(lang, 'attachments'), view.attachments)];
}

const pt = (points: number) => points * 2;
const space = (before: number, after: number) => ({ spacing: { before: before * 20, after: after * 20 } });

/** The memo's named styles: a ministry restyles these (or replaces them with its template's). */
function styles(lang: MemoLang) {
  const paragraph = (id: string, name: string, run: object, paragraphOptions: object = {}, basedOn = 'Normal'): IParagraphStyleOptions => ({
    id,
    name,
    basedOn,
    next: 'MemoBody',
    quickFormat: true,
    run,
    paragraph: paragraphOptions,
  });
  return {
    default: {
      document: { run: { font: FONT, size: pt(11), language: { value: WORD_LANG[lang] } }, paragraph: { spacing: { after: 0 } } },
      heading1: { run: { font: FONT, size: pt(14), bold: true, color: '000000' }, paragraph: { ...space(12, 6), keepNext: true } },
      heading2: { run: { font: FONT, size: pt(12), bold: true, color: '000000' }, paragraph: { ...space(12, 6), keepNext: true } },
      heading3: { run: { font: FONT, size: pt(11), bold: true, color: '000000' }, paragraph: { ...space(10, 4), keepNext: true } },
      heading4: { run: { font: FONT, size: pt(11), bold: true, italics: true, color: '000000' }, paragraph: { ...space(10, 4), keepNext: true } },
      heading5: { run: { font: FONT, size: pt(11), italics: true, color: '000000' }, paragraph: { ...space(8, 4), keepNext: true } },
      heading6: { run: { font: FONT, size: pt(11), italics: true, color: '000000' }, paragraph: { ...space(8, 4), keepNext: true } },
      hyperlink: { run: { color: '0563C1', underline: {} } },
    },
    paragraphStyles: [
      paragraph('MemoLetterhead', 'Memo Letterhead', { bold: true, size: pt(12) }, { keepNext: true }),
      paragraph('MemoLetterheadDivision', 'Memo Letterhead Division', { size: pt(10) }, { ...space(6, 0), keepNext: true }),
      paragraph('MemoAddress', 'Memo Address', { size: pt(9) }, { ...space(6, 0) }),
      paragraph('MemoReference', 'Memo Reference', { size: pt(9) }, { ...space(12, 0), alignment: AlignmentType.RIGHT }),
      paragraph('MemoTitle', 'Memo Title', { bold: true, size: pt(16) }, { ...space(24, 18), keepNext: true, outlineLevel: 0 }),
      paragraph('MemoLabel', 'Memo Label', { bold: true }, { ...space(0, 6), keepNext: true }),
      paragraph('MemoValue', 'Memo Value', {}, { ...space(0, 6), keepNext: true }),
      paragraph('MemoValueName', 'Memo Value Name', {}, { keepNext: true }, 'MemoValue'),
      paragraph('MemoSubject', 'Memo Subject', { bold: true }, { ...space(0, 12) }, 'MemoValue'),
      paragraph('MemoBody', 'Memo Body', {}, { ...space(0, 10) }),
      paragraph('MemoQuote', 'Memo Quote', { italics: true }, { ...space(0, 10), indent: { left: 720, right: 720 } }, 'MemoBody'),
      paragraph('MemoList', 'Memo List', {}, { ...space(0, 6) }, 'MemoBody'),
      paragraph('MemoListContinue', 'Memo List Continue', {}, { ...space(0, 6) }, 'MemoBody'),
      paragraph('MemoCode', 'Memo Code', { font: 'Courier New', size: pt(10) }, { ...space(0, 10), indent: { left: 360 } }, 'MemoBody'),
      paragraph('MemoTableText', 'Memo Table Text', { size: pt(10) }, { ...space(2, 2) }),
      paragraph('MemoSignedBy', 'Memo Signed By', { italics: true }, { ...space(24, 12), keepNext: true }),
      paragraph('MemoSignatureName', 'Memo Signature Name', { bold: true }, { ...space(6, 0), keepNext: true, keepLines: true }, 'MemoSignature'),
      paragraph('MemoSignature', 'Memo Signature', {}, { keepNext: true, keepLines: true }),
      paragraph('MemoDistributionLabel', 'Memo Distribution Label', { bold: true }, { ...space(18, 2), keepNext: true }),
      paragraph('MemoDistribution', 'Memo Distribution', {}, { indent: { left: 360 } }),
      paragraph('MemoFooter', 'Memo Footer', { size: pt(9) }, { alignment: AlignmentType.CENTER }),
    ],
    characterStyles: [{ id: 'MemoInlineCode', name: 'Memo Inline Code', basedOn: 'DefaultParagraphFont', run: { font: 'Courier New' } }],
  };
}

function levels(format: 'bullet' | 'decimal', start: number): ILevelsOptions[] {
  const bullets = ['\u2022', '\u25e6', '\u25aa'];
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: format === 'bullet' ? LevelFormat.BULLET : LevelFormat.DECIMAL,
    text: format === 'bullet' ? bullets[level % 3] : `%${level + 1}.`,
    start: level === 0 ? start : 1,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));
}

/** Bullets and numbers for every nesting level; a numbered list that starts elsewhere than 1 gets its own definition. */
function numbering(starts: ReadonlyMap<number, string>): INumberingOptions {
  return {
    config: [
      { reference: BULLETS, levels: levels('bullet', 1) },
      { reference: NUMBERS, levels: levels('decimal', 1) },
      ...[...starts].map(([start, reference]) => ({ reference, levels: levels('decimal', start) })),
    ],
  };
}
