import { isScalar } from 'yaml';
import { forEachMap, pairOf } from '../ast';
import { analyzeBody } from '../prose/body';
import { addToGlossary, inGlossary } from '../glossary';
import { clearLanguage } from '../prose/language';
import type { Rule } from '../rule';

const normalize = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** `{en, fr}` values left the same on both sides, and `::: fr` blocks still in English (or the reverse). */
export const untranslated: Rule = {
  id: 'untranslated',
  defaultSeverity: 'warning',
  needsData: true,
  check(ctx) {
    forEachMap(ctx.root, (map) => {
      const en = pairOf(map, 'en')?.value;
      const fr = pairOf(map, 'fr')?.value;
      if (!isScalar(en) || !isScalar(fr) || typeof en.value !== 'string' || typeof fr.value !== 'string') return;
      const value = normalize(en.value);
      if (value !== normalize(fr.value) || !/\p{L}/u.test(value) || inGlossary(ctx.config, value)) return;
      const [start, end] = ctx.spanOf(fr);
      const [enStart, enEnd] = ctx.spanOf(en);
      const fix = addToGlossary(ctx.config, { en: value, fr: value }, ctx.t('fix.addToGlossary', { term: value }), ctx.t('glossary.header'));
      ctx.report({
        start, end,
        message: ctx.t('untranslated.same'),
        related: [{ range: ctx.memo.lines.range(enStart, enEnd), message: ctx.t('side.en') }],
        fixes: fix ? [fix] : [],
      });
    });
    for (const section of analyzeBody(ctx.memo).sections) {
      if (!section.lang || !section.fence) continue;
      const language = clearLanguage(section.prose.map((p) => p.text));
      if (!language || language === section.lang) continue;
      const [start, end] = section.fence;
      ctx.report({ start, end, message: ctx.t('untranslated.block', { fence: section.lang, language: ctx.t(language === 'en' ? 'side.en' : 'side.fr') }) });
    }
  },
};
