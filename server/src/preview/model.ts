import type { MemoLang } from './labels';

/** Text as the memo gives it: one string for every language, or a value per language. */
export type MemoText = string | { en?: string; fr?: string };

/** The person to contact about the memo, printed after the signatures (Contact: / Personne-ressource :). */
export interface ContactView {
  name?: string;
  title?: MemoText;
  email?: string;
}

export interface SenderView {
  name?: string;
  title?: MemoText;
  division?: MemoText;
  gender?: string;
}

/**
 * What the preview shows, read leniently from a memo's data: a partial or invalid memo still gives
 * a view (missing parts are simply absent), so the preview can follow the writer as they type.
 */
export interface MemoView {
  /** The memo's languages in their order; English when `lang` is missing or not understood. */
  langs: MemoLang[];
  ministry: { en?: string; fr?: string };
  divisions: { en?: string; fr?: string }[];
  address?: MemoText;
  reference?: MemoText;
  to: MemoText[];
  /** The French recipients label's number: `toLabel` as written, else worked out from the recipients (see `recipientsForm`). */
  toLabel: 'singular' | 'plural';
  from: SenderView[];
  date?: string;
  subject?: MemoText;
  signature: 'original' | 'none';
  cc: MemoText[];
  attachments: MemoText[];
  contact?: ContactView;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scalar as text (numbers and booleans as written); undefined for anything else. */
function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function sides(value: unknown): { en?: string; fr?: string } {
  if (!isRecord(value)) return {};
  return { en: scalar(value.en), fr: scalar(value.fr) };
}

function text(value: unknown): MemoText | undefined {
  if (isRecord(value)) return sides(value);
  return scalar(value);
}

function list(value: unknown): MemoText[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return items.map(text).filter((t): t is MemoText => t !== undefined);
}

function langs(value: unknown): MemoLang[] {
  const wanted = Array.isArray(value) ? value : [value];
  const found = wanted.filter((v): v is MemoLang => v === 'en' || v === 'fr');
  const unique = [...new Set(found)];
  return unique.length > 0 ? unique : ['en'];
}

/** French words naming a group although singular: "Personnel des bureaux…", "Équipe de direction". */
const COLLECTIVE = new Set(['personnel', 'équipe', 'conseil', 'comité', 'bureau', 'ensemble', 'direction', 'division', 'secteur', 'service', 'réseau']);

/**
 * DESTINATAIRE for one recipient who is one person, DESTINATAIRES otherwise: a single entry that
 * names a group ("Gestionnaires des services municipaux regroupés", "Personnel des bureaux") is plural,
 * as in Ontario memos. A group is read from its first word: a plural (-s, -x) or a collective noun.
 */
export function recipientsForm(to: readonly MemoText[]): 'singular' | 'plural' {
  if (to.length !== 1) return 'plural';
  const first = (inLang(to[0], 'fr') ?? '').trim().split(/[\s,]+/u)[0]?.toLowerCase() ?? '';
  return /^\p{L}{3,}[sx]$/u.test(first) || COLLECTIVE.has(first) ? 'plural' : 'singular';
}

/** Reads the view from a memo's data (whatever its shape). */
export function memoView(data: unknown): MemoView {
  const d = isRecord(data) ? data : {};
  const from = (Array.isArray(d.from) ? d.from : []).filter(isRecord).map(
    (s): SenderView => ({ name: scalar(s.name), title: text(s.title), division: text(s.division), gender: scalar(s.gender) }),
  );
  return {
    langs: langs(d.lang),
    ministry: sides(d.ministry),
    divisions: (Array.isArray(d.divisions) ? d.divisions : []).map(sides),
    address: text(d.address),
    reference: text(d.reference),
    to: list(d.to),
    toLabel: d.toLabel === 'singular' || d.toLabel === 'plural' ? d.toLabel : recipientsForm(list(d.to)),
    from,
    date: scalar(d.date),
    subject: text(d.subject),
    signature: d.signature === 'none' ? 'none' : 'original',
    cc: list(d.cc),
    attachments: list(d.attachments),
    ...(isRecord(d.contact) ? { contact: { name: scalar(d.contact.name), title: text(d.contact.title), email: scalar(d.contact.email) } } : {}),
  };
}

/** The text in `lang`, falling back to the other language when that side is missing. */
export function inLang(value: MemoText | undefined, lang: MemoLang): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  return value[lang] ?? value[lang === 'en' ? 'fr' : 'en'];
}
