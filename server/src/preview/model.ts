import type { MemoLang } from './labels';

/** Text as the memo gives it: one string for every language, or a value per language. */
export type MemoText = string | { en?: string; fr?: string };

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
  from: SenderView[];
  date?: string;
  subject?: MemoText;
  signature: 'original' | 'none';
  cc: MemoText[];
  attachments: MemoText[];
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
    from,
    date: scalar(d.date),
    subject: text(d.subject),
    signature: d.signature === 'none' ? 'none' : 'original',
    cc: list(d.cc),
    attachments: list(d.attachments),
  };
}

/** The text in `lang`, falling back to the other language when that side is missing. */
export function inLang(value: MemoText | undefined, lang: MemoLang): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  return value[lang] ?? value[lang === 'en' ? 'fr' : 'en'];
}
