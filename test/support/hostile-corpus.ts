/**
 * The hostile corpus of issue 10, generated (never committed): memos and glossaries that made a check
 * take seconds or minutes. The benchmark (bench/run.mjs imports the compiled copy) times each one, and
 * tests may use the same generators.
 */

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'bri', 'cla', 'dro', 'fen', 'gra', 'hul', 'jor'];

/** A made-up word, different for each `n` (so terms never collide with each other or with real words). */
function word(n: number, tail = ''): string {
  let w = '';
  let x = n;
  do {
    w += SYLLABLES[x % SYLLABLES.length];
    x = Math.floor(x / SYLLABLES.length);
  } while (x > 0);
  return w + tail;
}

/** Term `i` of a generated glossary: an English and a French side that differ; every fifth one capitalized (matched with its case). */
export function glossaryTerm(i: number): { en: string; fr: string } {
  const en = `${word(i)} ${word(i * 7 + 3)}`;
  const fr = `${word(i, 'é')} ${word(i * 7 + 3, 'eur')}`;
  return i % 5 === 0 ? { en: en[0].toUpperCase() + en.slice(1), fr: fr[0].toUpperCase() + fr.slice(1) } : { en, fr };
}

/** `.policy-memo/glossary.yaml` with `count` generated pairs. */
export function glossaryYaml(count: number): string {
  const lines = ['# generated glossary'];
  for (let i = 0; i < count; i++) {
    const { en, fr } = glossaryTerm(i);
    lines.push(`- en: ${en}`, `  fr: ${fr}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * A typical two-language memo (about 6 KB) that uses `used` of the glossary's first terms in both
 * blocks, some only in one (so parity has something to say about terms).
 */
export function glossaryMemo(used = 40): string {
  const en: string[] = [];
  const fr: string[] = [];
  for (let p = 0; p < 8; p++) {
    const terms = Array.from({ length: used / 8 }, (_, k) => glossaryTerm(p * (used / 8) + k));
    en.push(`Paragraph ${p + 1}: offices using the ${terms.map((t) => t.en).join(', the ')} will report by March 31, 2027 to the program team, as the guidance describes.`);
    fr.push(`Paragraphe ${p + 1}\u00a0: les bureaux qui utilisent ${terms.slice(p % 2).map((t) => t.fr).join(', ')} feront rapport d’ici le 31 mars 2027 à l’équipe du programme.`);
  }
  return [
    '---',
    'lang: [en, fr]',
    'ministry:',
    '  en: Ministry of Children, Community and Social Services',
    '  fr: Ministère des Services à l’enfance et des Services sociaux et communautaires',
    'to:',
    '  - en: Ontario Works Administrators',
    '    fr: Administratrices et administrateurs d’Ontario au travail',
    'from:',
    '  - name: Gabriel Lévesque',
    '    title:',
    '      en: Assistant Deputy Minister',
    '      fr: Sous-ministre adjoint',
    'date: 2026-10-02',
    'subject:',
    '  en: Updated reporting terms',
    '  fr: Nouvelles modalités de rapport',
    '---',
    '::: en',
    en.join('\n\n'),
    ':::',
    '',
    '::: fr',
    fr.join('\n\n'),
    ':::',
    '',
  ].join('\n');
}
