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

/** A two-language memo whose `::: en` and `::: fr` blocks hold these texts. */
function twoLanguages(en: string, fr: string, subject = { en: 'Numbers', fr: 'Nombres' }): string {
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
    '    title: {en: Assistant Deputy Minister, fr: Sous-ministre adjoint}',
    'date: 2026-10-02',
    `subject: {en: ${subject.en}, fr: ${subject.fr}}`,
    '---',
    '::: en',
    en,
    ':::',
    '',
    '::: fr',
    fr,
    ':::',
    '',
  ].join('\n');
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
  return twoLanguages(en.join('\n\n'), fr.join('\n\n'), { en: 'Updated reporting terms', fr: 'Nouvelles modalités de rapport' });
}

/** A file of a hostile case's workspace folder: text, or something that is not a regular file. */
export type CaseFile = { text: string } | { fifo: true } | { symlink: string } | { bytes: number };

/** One memo of the hostile corpus, with the files of its workspace folder (paths relative to it). */
export interface HostileCase {
  name: string;
  /** The issue-10 finding it reproduces. */
  item: number;
  file: string;
  text: string;
  files?: Record<string, CaseFile>;
}

/** A valid memo's front matter lines (without the --- lines), one language. */
const HEAD = [
  'lang: en',
  'ministry:',
  '  en: Ministry of Children, Community and Social Services',
  '  fr: Ministère des Services à l’enfance et des Services sociaux et communautaires',
  'to:',
  '  - Ontario Works Administrators',
  'from:',
  '  - name: Gabriel Lévesque',
  '    title: Assistant Deputy Minister',
  'date: 2026-10-02',
  'subject: Updated consent form',
];

const markdown = (extra: string[], body = 'The body.\n') => ['---', ...HEAD, ...extra, '---', body].join('\n');

/** A block mapping of `count` keys under `key`, indented under it. */
function mapping(key: string, count: number, indent = '  '): string[] {
  const lines = [`${key}:`];
  for (let i = 0; i < count; i++) lines.push(`${indent}k${i}: v`);
  return lines;
}

/** The cases of issue 10 that are about how long a check takes, generated. */
export function hostileCases(): HostileCase[] {
  const numbers = (from: number, count: number) => Array.from({ length: count }, (_, i) => String(from + i)).join(' ');
  const translated = (translation: string) => markdown([`translation: ${translation}`]);
  return [
    { name: 'a 50,000-key mapping', item: 1, file: 'keys.memo.md', text: markdown(mapping('x', 50_000)) },
    { name: 'a 1.2 MB key mapping', item: 1, file: 'big-keys.memo.md', text: markdown(mapping('x', 100_000)) },
    {
      name: '99 aliases of a 10,000-key map',
      item: 1,
      file: 'aliases.memo.md',
      text: markdown([...mapping('base', 10_000).map((l, i) => (i === 0 ? 'base: &a' : l)), `x: [${Array(99).fill('*a').join(', ')}]`]),
    },
    { name: 'contact.email of a@, 120,000 dots and @', item: 2, file: 'email.memo.md', text: markdown(['contact:', `  email: a@${'.'.repeat(120_000)}@`]) },
    { name: 'a two-language memo, 2,000-term glossary', item: 9, file: 'glossary-2k.memo.md', text: glossaryMemo(), files: { '.policy-memo/glossary.yaml': { text: glossaryYaml(2_000) } } },
    { name: 'a two-language memo, 10,000-term glossary', item: 9, file: 'glossary-10k.memo.md', text: glossaryMemo(), files: { '.policy-memo/glossary.yaml': { text: glossaryYaml(10_000) } } },
    { name: 'a parity memo with 400,000 mismatches', item: 18, file: 'parity.memo.md', text: twoLanguages(numbers(1, 100_000), numbers(200_001, 100_000)) },
    {
      name: '150,000 French typography findings',
      item: 18,
      file: 'typography.memo.md',
      text: markdown([], 'Note : oui ; non !\n\n'.repeat(50_000)).replace('lang: en', 'lang: fr'),
    },
    {
      name: 'directory.yaml: 99 aliases of a 1,000-key entry',
      item: 1,
      file: 'directory.memo.md',
      text: markdown([]),
      files: { '.policy-memo/directory.yaml': { text: `ministries:\n  - &e\n${Array.from({ length: 1000 }, (_, i) => `    k${i}: 1`).join('\n')}\n${'  - *e\n'.repeat(98)}` } },
    },
    { name: 'a 5 MB line', item: 0, file: 'line.memo.md', text: markdown([], 'x'.repeat(5 * 1024 * 1024) + '\n') },
    { name: 'a 10 MB body of 210,000 paragraphs', item: 0, file: 'long-body.memo.md', text: markdown([], 'A paragraph of the body, long enough to matter.\n\n'.repeat(210_000)) },
    { name: '10,000-deep nesting (flow)', item: 0, file: 'deep.memo.md', text: markdown([`x: ${'['.repeat(10_000)}${']'.repeat(10_000)}`]) },
    { name: '10,000-deep nesting (.memo.yaml)', item: 0, file: 'deep.memo.yaml', text: `to: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n` },
    { name: 'translation: a FIFO', item: 3, file: 'fifo.memo.md', text: translated('pipe.fr.memo.md'), files: { 'pipe.fr.memo.md': { fifo: true } } },
    { name: 'translation: a symlink to /dev/zero', item: 3, file: 'zero.memo.md', text: translated('zero.fr.memo.md'), files: { 'zero.fr.memo.md': { symlink: '/dev/zero' } } },
    { name: 'translation: 150 MB for a small memo', item: 3, file: 'huge.memo.md', text: translated('huge.fr.memo.md'), files: { 'huge.fr.memo.md': { bytes: 150 * 1024 * 1024 } } },
  ];
}
