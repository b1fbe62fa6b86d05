/**
 * Generated memos for the robustness tests and the benchmarks (bench/ imports the compiled copy):
 * valid memos of any size in both formats, and a deterministic mix of broken ones.
 */
import type { MemoKind } from '../../server/src/engine';

const RECIPIENTS = [
  'Ontario Works Administrators',
  'Consolidated Municipal Service Managers and District Social Services Administration Boards',
  'Directors of Employment and Social Services',
  'Administratrices et administrateurs d\u2019Ontario au travail',
];

const PARAGRAPH =
  'Starting January 5, 2027, offices will use the updated consent form when a client agrees to share information ' +
  'with another service provider. The new form is shorter and uses plain language; forms signed before that date ' +
  'remain valid until they expire. Questions may be sent to the program\u2019s policy team.';

export interface MemoShape {
  /** How many `to` recipients (at least one). */
  recipients: number;
  /** How many body paragraphs. */
  paragraphs: number;
}

function headerLines(shape: MemoShape): string[] {
  const to = Array.from({ length: Math.max(1, shape.recipients) }, (_, i) => `  - ${RECIPIENTS[i % RECIPIENTS.length]} (${i + 1})`);
  return [
    'lang: en',
    'ministry:',
    '  en: Ministry of Children, Community and Social Services',
    '  fr: Ministère des Services à l\u2019enfance et des Services sociaux et communautaires',
    'to:',
    ...to,
    'from:',
    '  - name: Gabriel Lévesque',
    '    title: Assistant Deputy Minister',
    'date: 2026-10-02',
    'subject: Updated consent form for sharing client information',
    'contact:',
    '  name: Priya Raman',
    '  email: priya.raman@ontario.ca',
  ];
}

/** A valid memo of the given shape, as `.memo.md` (front matter + body) or `.memo.yaml` (body as a block scalar). */
export function memoText(kind: MemoKind, shape: MemoShape): string {
  const paragraphs = Array.from({ length: Math.max(1, shape.paragraphs) }, (_, i) => `${i + 1}. ${PARAGRAPH}`);
  if (kind === 'markdown') return ['---', ...headerLines(shape), '---', '', paragraphs.join('\n\n'), ''].join('\n');
  const body = paragraphs.flatMap((p, i) => (i === 0 ? [`  ${p}`] : ['', `  ${p}`]));
  return [...headerLines(shape), 'body: |', ...body, ''].join('\n');
}

/**
 * A valid memo of about `bytes` characters: a tenth of the growth goes to recipients (large memos
 * have long distribution lists), the rest to the body.
 */
export function memoOfSize(kind: MemoKind, bytes: number): string {
  const base = memoText(kind, { recipients: 1, paragraphs: 1 }).length;
  const extra = Math.max(0, bytes - base);
  const recipients = 1 + Math.floor((extra * 0.1) / 60);
  const paragraphs = 1 + Math.floor((extra * 0.9) / (PARAGRAPH.length + 8));
  return memoText(kind, { recipients, paragraphs });
}

/** Ways to break a memo, each a problem a rule reports. */
const BREAKAGES: ((text: string) => string)[] = [
  (text) => text.replace('date: 2026-10-02', 'date: 02/10/2026'),
  (text) => text.replace('subject:', 'subjet:'),
  (text) => text.replace('  email: priya.raman@ontario.ca', '  email: priya.raman'),
  (text) => text.replace('lang: en', 'lang: de'),
  (text) => text.replace('to:\n', 'to: [unclosed\n'),
];

/** Memo `i` of a corpus: valid, or (every second one) broken in one of several ways. */
export function corpusMemo(kind: MemoKind, i: number): string {
  const text = memoText(kind, { recipients: 1 + (i % 5), paragraphs: 2 + (i % 7) });
  return i % 2 === 0 ? text : BREAKAGES[(i >> 1) % BREAKAGES.length](text);
}

/** Pieces writers (and damaged files) put in memos: YAML syntax, line breaks of every kind, BOM, tabs, accents, emoji. */
export const EDIT_PIECES = [
  '\n', '\r\n', '\r', '\t', '\uFEFF', ' ', '  ', ':', ': ', '- ', '---', '...', '#', '"', "'", '[', ']', '{', '}', ',', '&a', '*a', '|', '>',
  'e\u0301', '\u00e9', '\u00a0', '\u2019', '\u{1F600}', '\u{1F44D}\u{1F3FD}', 'date: 2021-06-11', 'date: 11/06/2021', 'lang: [en, fr]',
  'to:', 'subjet:', 'fr:', 'en:', 'name:', '0', 'null', '~', '\\',
];
