/** Plural forms by ICU rules (Intl.PluralRules), without the VS Code API so a unit test can run them. */

export type Count = number;

const rules = { en: new Intl.PluralRules('en-CA'), fr: new Intl.PluralRules('fr-CA') };

/**
 * `one` when `count` takes the singular in `locale` (French: 0 and 1; English: 1), `other`
 * otherwise (French's `many`, for round millions, takes the plural form too).
 */
export function pluralForm(locale: 'en' | 'fr', count: Count): 'one' | 'other' {
  return rules[locale].select(count) === 'one' ? 'one' : 'other';
}
