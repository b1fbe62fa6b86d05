import { isMap } from 'yaml';
import { keyNodeAt, nodeAt } from '../ast';
import { analyzeBody, BodySection, Language } from '../prose/body';
import type { RuleContext } from '../context';
import { refusalText } from '../file-refusal';
import type { RelatedPlace } from '../findings';
import type { MessageId } from '../messages';
import { Mention, SideFacts, sideFacts } from '../prose/parity-facts';
import { memoKindOf, parseMemo, ParsedMemo } from '../parse';
import type { Rule } from '../rule';
import { memoLanguages } from '../prose/texts';

/** The other side of a comparison: the same memo (another block) or the translation's file. */
interface There {
  facts: SideFacts;
  /** Where each of its paragraphs, headings, cells and items starts, in reading order (see `blockStarts`). */
  blocks: number[];
  memo: ParsedMemo;
  /** The translation's path; undefined for the same memo. */
  path?: string;
}

const version = (lang: Language): MessageId => (lang === 'en' ? 'version.en' : 'version.fr');

function anchorOf(memo: ParsedMemo, sections: readonly BodySection[]): [number, number] {
  if (sections[0]) return sections[0].anchor;
  return [memo.body.start, memo.lines.lineEnd(memo.lines.positionAt(memo.body.start).line)];
}

function place(there: There, span: [number, number], ctx: RuleContext): RelatedPlace[] {
  const message = ctx.t('parity.there', { version: ctx.t(version(there.facts.lang)) });
  return [{ ...(there.path ? { uri: there.path } : {}), range: there.memo.lines.range(span[0], span[1]), message }];
}

/** Where each piece of prose of these sections starts in its document: the k-th on each side is the same paragraph or item. */
function blockStarts(sections: readonly BodySection[]): number[] {
  return sections.flatMap((s) => s.prose.filter((p) => p.length > 0).map((p) => p.startOf(0)));
}

/** The index of the block holding a document offset (the last block starting at or before it). */
function blockOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  if (high < 0 || offset < starts[0]) return -1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * A value here the other side lacks, paired with the value the other side has instead in the same
 * paragraph or item ("19 here, 18 in the French version"): one mismatch, one finding. The first
 * unpaired value of each block on each side pair up, so both files pair the same values.
 */
function pairInBlocks(here: readonly Mention[], hereBlocks: readonly number[], there: readonly Mention[], thereBlocks: readonly number[]): Map<Mention, Mention> {
  // Each block's waiting values, taken in order by moving `next` (an array's shift is linear: one
  // block of 100,000 values would cost a quadratic time).
  const waiting = new Map<number, { list: Mention[]; next: number }>();
  for (const mention of there) {
    const block = blockOf(thereBlocks, mention.span[0]);
    if (block < 0) continue;
    const entry = waiting.get(block) ?? { list: [], next: 0 };
    entry.list.push(mention);
    waiting.set(block, entry);
  }
  const pairs = new Map<Mention, Mention>();
  for (const mention of here) {
    const entry = waiting.get(blockOf(hereBlocks, mention.span[0]));
    const partner = entry && entry.next < entry.list.length ? entry.list[entry.next++] : undefined;
    if (partner) pairs.set(mention, partner);
  }
  return pairs;
}

/** Reports, on this side only, what differs from the other side (the other side reports its own view). */
function compareSides(ctx: RuleContext, here: SideFacts, hereBlocks: number[], there: There): void {
  const other = ctx.t(version(there.facts.lang));
  for (const what of ['paragraphs', 'listItems', 'links'] as const) {
    if (here[what] === there.facts[what]) continue;
    ctx.report({
      start: here.anchor[0], end: here.anchor[1],
      message: ctx.t('parity.count', { what: ctx.t(`count.${what}`), here: here[what], there: there.facts[what], version: other }),
      related: place(there, there.facts.anchor, ctx),
    });
  }
  for (const kind of ['numbers', 'emails', 'urls'] as const) {
    // Without copying the maps into arrays of entries: a side can hold hundreds of thousands of values.
    const onlyHere: Mention[] = [];
    const onlyThere: Mention[] = [];
    here[kind].forEach((mention, key) => void (there.facts[kind].has(key) || onlyHere.push(mention)));
    there.facts[kind].forEach((mention, key) => void (here[kind].has(key) || onlyThere.push(mention)));
    const pairs = pairInBlocks(onlyHere, hereBlocks, onlyThere, there.blocks);
    const paired = new Set<Mention>();
    pairs.forEach((partner) => paired.add(partner));
    // One memo can hold hundreds of thousands of mismatches: each message is built only if it is shown.
    for (const mention of onlyHere) {
      const partner = pairs.get(mention);
      if (partner) {
        ctx.reportIfShown(mention.span[0], mention.span[1], () => ({ message: ctx.t('parity.differs', { value: mention.shown, other: partner.shown, version: other }), related: place(there, partner.span, ctx) }));
      } else {
        ctx.reportIfShown(mention.span[0], mention.span[1], () => ({ message: ctx.t('parity.missingThere', { value: mention.shown, version: other }), related: place(there, there.facts.anchor, ctx) }));
      }
    }
    for (const mention of onlyThere) {
      if (paired.has(mention)) continue;
      ctx.reportIfShown(here.anchor[0], here.anchor[1], () => ({ message: ctx.t('parity.missingHere', { value: mention.shown, version: other }), related: place(there, mention.span, ctx) }));
    }
  }
  const glossary = ctx.config.glossary;
  for (const [index, mention] of here.terms) {
    if (there.facts.terms.has(index)) continue;
    const counterpart = glossary[index][there.facts.lang] ?? '';
    ctx.reportIfShown(mention.span[0], mention.span[1], () => ({ message: ctx.t('parity.termMissingThere', { term: mention.shown, counterpart, version: other }), related: place(there, there.facts.anchor, ctx) }));
  }
  for (const [index, mention] of there.facts.terms) {
    if (here.terms.has(index)) continue;
    const term = glossary[index][here.lang] ?? '';
    ctx.reportIfShown(here.anchor[0], here.anchor[1], () => ({ message: ctx.t('parity.termMissingHere', { term, counterpart: mention.shown, version: other }), related: place(there, mention.span, ctx) }));
  }
}

/** The `::: en` and `::: fr` blocks of a two-language memo, each compared with the other. */
function checkBlocks(ctx: RuleContext): void {
  if (memoLanguages(ctx.memo).length !== 2) return;
  const sections = analyzeBody(ctx.memo).sections;
  const en = sections.filter((s) => s.lang === 'en');
  const fr = sections.filter((s) => s.lang === 'fr');
  if (en.length === 0 || fr.length === 0) return;
  const glossary = ctx.config.glossary;
  const enFacts = sideFacts(en, 'en', glossary, en[0].anchor);
  const frFacts = sideFacts(fr, 'fr', glossary, fr[0].anchor);
  const [enBlocks, frBlocks] = [blockStarts(en), blockStarts(fr)];
  compareSides(ctx, enFacts, enBlocks, { facts: frFacts, blocks: frBlocks, memo: ctx.memo });
  compareSides(ctx, frFacts, frBlocks, { facts: enFacts, blocks: enBlocks, memo: ctx.memo });
}

const data = (memo: ParsedMemo) => (memo.data ?? {}) as Record<string, unknown>;

/** Where a top-level key's value is in a memo (for related places in the other file). */
function keySpan(memo: ParsedMemo, key: string): [number, number] | undefined {
  const node = nodeAt(memo.doc?.contents, [key]) ?? keyNodeAt(memo.doc?.contents, [key]);
  return node?.range ? [memo.yamlStart + node.range[0], memo.yamlStart + node.range[1]] : undefined;
}

/** The memo and the file its `translation:` names: each points at the other, and they agree. */
function checkTranslation(ctx: RuleContext): void {
  const files = ctx.files;
  const link = data(ctx.memo).translation;
  if (!files || typeof link !== 'string' || link.trim() === '') return;
  const [ts, te] = ctx.spanAt(['translation']);
  const target = files.resolve(files.self, link);
  const raw = files.read(target);
  if (raw === undefined || (typeof raw !== 'string' && raw.refused === 'notFound')) {
    ctx.report({ start: ts, end: te, severity: 'error', message: ctx.t('parity.translationMissing', { path: link }) });
    return;
  }
  if (typeof raw !== 'string') {
    ctx.report({ start: ts, end: te, severity: 'error', message: ctx.t('parity.translationUnread', { path: link, reason: refusalText(ctx.locale, raw) }) });
    return;
  }
  const other = parseMemo(raw.replace(/^\uFEFF/, ''), memoKindOf(target) ?? 'markdown');
  if (!isMap(other.doc?.contents) || other.doc?.errors.length) return;
  const back = data(other).translation;
  if (typeof back !== 'string') ctx.report({ start: ts, end: te, message: ctx.t('parity.noBack', { path: link }) });
  else if (files.resolve(target, back) !== files.self) ctx.report({ start: ts, end: te, message: ctx.t('parity.notBack', { path: link, other: back }) });
  const hereLang = memoLanguages(ctx.memo)[0];
  const thereLang = memoLanguages(other)[0];
  if (!hereLang || !thereLang) return;
  const otherVersion = ctx.t(version(thereLang));
  const related = (key: string, fallback: [number, number]) => {
    const span = keySpan(other, key) ?? fallback;
    return [{ uri: target, range: other.lines.range(span[0], span[1]), message: ctx.t('parity.there', { version: otherVersion }) }];
  };
  const otherStart: [number, number] = [other.yamlStart, other.lines.lineEnd(other.lines.positionAt(other.yamlStart).line)];
  const [hereDate, thereDate] = [data(ctx.memo).date, data(other).date];
  if (typeof hereDate === 'string' && typeof thereDate === 'string' && hereDate !== thereDate) {
    const [start, end] = ctx.spanAt(['date']);
    ctx.report({ start, end, message: ctx.t('parity.date', { version: otherVersion, other: thereDate }), related: related('date', otherStart) });
  }
  for (const key of ['to', 'from', 'cc', 'attachments'] as const) {
    const count = (memo: ParsedMemo) => (Array.isArray(data(memo)[key]) ? (data(memo)[key] as unknown[]).length : 0);
    if (count(ctx.memo) === count(other)) continue;
    const keyNode = keyNodeAt(ctx.root, [key]);
    const [start, end] = keyNode ? ctx.spanOf(keyNode) : [ts, te];
    ctx.report({
      start, end,
      message: ctx.t('parity.count', { what: ctx.t(`count.${key}`), here: count(ctx.memo), there: count(other), version: otherVersion }),
      related: related(key, otherStart),
    });
  }
  const hereSections = analyzeBody(ctx.memo).sections;
  const thereSections = analyzeBody(other).sections;
  if (hereSections.length === 0 && thereSections.length === 0) return;
  const glossary = ctx.config.glossary;
  const hereFacts = sideFacts(hereSections, hereLang, glossary, hereSections.length > 0 ? anchorOf(ctx.memo, hereSections) : [ts, te]);
  const thereFacts = sideFacts(thereSections, thereLang, glossary, thereSections.length > 0 ? anchorOf(other, thereSections) : otherStart);
  compareSides(ctx, hereFacts, blockStarts(hereSections), { facts: thereFacts, blocks: blockStarts(thereSections), memo: other, path: target });
}

/** The two languages in step: `::: en` and `::: fr` blocks, and a memo and its `translation:` file. */
export const parity: Rule = {
  id: 'parity',
  defaultSeverity: 'warning',
  needsData: true,
  check(ctx) {
    checkBlocks(ctx);
    checkTranslation(ctx);
  },
};
