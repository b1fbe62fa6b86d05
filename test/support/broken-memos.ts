import type { MemoKind } from '../../server/src/engine';
import { REFERENCE, replaceOnce } from './memo';

/** A memo with known problems, for comparing what the tools say in English and in French. */
export interface BrokenMemo {
  name: string;
  file: string;
  kind: MemoKind;
  text: string;
}

/** The reference memo broken in as many ways as one memo can be (every data rule, fixes included). */
const MANY_PROBLEMS = [
  (t: string) => replaceOnce(t, 'lang: fr', 'lang: [fr, en]'),
  (t: string) => t.replace(/ {2}fr: Ministère.*\n/, ''),
  (t: string) => t.replace(/\nto:\n( {2}- .*\n)+/, '\nto: []\n'),
  (t: string) => replaceOnce(t, '    title: Sous-ministre adjoint\n', ''),
  (t: string) => replaceOnce(t, 'date: 2021-06-11', 'date: June 11, 2021'),
  (t: string) => replaceOnce(t, '\ncc:', '\nbudget: 3\ncc:'),
  (t: string) => replaceOnce(t, 'attachments:', 'attachements:'),
  (t: string) => replaceOnce(t, 'email: Sunny.Sharma@ontario.ca', 'email: sunny.sharma'),
  (t: string) => replaceOnce(t, '\ncontact:', '\nsignature: maybe\ncontact:'),
].reduce((text, breakIt) => breakIt(text), REFERENCE);

/** A two-language memo with one problem for each writing rule that needs no config folder. */
const WRITING_PROBLEMS = [
  '---',
  'lang: [en, fr]',
  'ministry:',
  '  en: Ministry of Children, Community and Social Services',
  "  fr: Ministere des Services a l'enfance et des Services sociaux et communautaires",
  'to:',
  '  - en: Ontario Works Administrators',
  '    fr: Ontario Works Administrators',
  'from:',
  '  - name: Alex Martin',
  '    title: {en: Director, fr: Directrice}',
  'date: 2021-06-11',
  'subject: {en: Update, fr: Mise à jour}',
  '---',
  '::: en',
  'The MLTSD [announced](#) 42 new offices.',
  ':::',
  '',
  '::: fr',
  'Le ministère a annoncé 43 nouveaux bureaux : voilà.',
  ':::',
  '',
].join('\n');

export const BROKEN_MEMOS: BrokenMemo[] = [
  { name: 'many problems', file: 'many.memo.md', kind: 'markdown', text: MANY_PROBLEMS },
  { name: 'no front matter', file: 'bare.memo.md', kind: 'markdown', text: 'Une note sans préambule.\n' },
  { name: 'unclosed front matter', file: 'open.memo.md', kind: 'markdown', text: '---\nlang: fr\n' },
  { name: 'a YAML error', file: 'yaml.memo.md', kind: 'markdown', text: '---\nlang: fr\nto: [a, b\n---\nCorps\n' },
  { name: 'a day that does not exist', file: 'day.memo.md', kind: 'markdown', text: replaceOnce(REFERENCE, 'date: 2021-06-11', 'date: 2021-02-30') },
  { name: 'writing problems', file: 'writing.memo.md', kind: 'markdown', text: WRITING_PROBLEMS },
  { name: 'a YAML memo with no senders or ministry', file: 'data.memo.yaml', kind: 'yaml', text: 'lang: de\nto:\n  - ""\ndate: 11/06/2021\nsubject: Objet\n' },
];

/** The rules the memos above trigger at least once: the foundation's, and the writing rules that need no config folder. */
export const RULES_COVERED = [
  'front-matter', 'yaml-syntax', 'recipients', 'signatories', 'bilingual', 'date-format', 'schema',
  'placeholder-link', 'placeholder-text', 'acronym', 'fr-typography', 'parity', 'untranslated', 'official-name',
];
