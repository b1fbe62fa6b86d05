import { analyzeBody } from '../prose/body';
import type { Rule } from '../rule';

/** Images in the body without alt text: screen readers, and the Word export's picture description, have nothing to say. */
export const imageAlt: Rule = {
  id: 'image-alt',
  defaultSeverity: 'warning',
  needsData: false,
  check(ctx) {
    for (const section of analyzeBody(ctx.memo).sections) {
      for (const image of section.images) {
        if (image.alt.trim() !== '') continue;
        const [start, end] = image.span;
        ctx.reportIfShown(start, end, () => ({ message: ctx.t('imageAlt.missing') }));
      }
    }
  },
};
