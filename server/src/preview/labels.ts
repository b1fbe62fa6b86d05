/**
 * The memo's own words in each language (labels of the header block, signature and distribution
 * lists). These are part of the memo, so they follow the memo's language, not the editor's.
 */
export type MemoLang = 'en' | 'fr';

const NBSP = '\u00a0';

interface FixedLabels {
  title: string;
  date: string;
  subject: string;
  cc: string;
  attachments: string;
  signedBy: string;
  contact: string;
}

const FIXED: Record<MemoLang, FixedLabels> = {
  en: { title: 'MEMORANDUM', date: 'DATE:', subject: 'SUBJECT:', cc: 'c.c.:', attachments: 'Attach.:', signedBy: 'Original signed by', contact: 'Contact:' },
  // Canadian French: a no-break space before the colon; c. c. and p. j. take no colon (Translation Bureau).
  fr: {
    title: 'NOTE DE SERVICE',
    date: `DATE${NBSP}:`,
    subject: `OBJET${NBSP}:`,
    cc: `c.${NBSP}c.`,
    attachments: `p.${NBSP}j.`,
    signedBy: 'Version originale signée par',
    contact: `Personne-ressource${NBSP}:`,
  },
};

/** A fixed label of the memo in its language. */
export function label(lang: MemoLang, key: keyof FixedLabels): string {
  return FIXED[lang][key];
}

/**
 * `TO:`, or `DESTINATAIRE :` / `DESTINATAIRES :`: by `form` when given (the memo view's `toLabel`),
 * else by the number of recipients.
 */
export function recipientsLabel(lang: MemoLang, count: number, form?: 'singular' | 'plural'): string {
  if (lang === 'en') return 'TO:';
  const singular = form ? form === 'singular' : count === 1;
  return `${singular ? 'DESTINATAIRE' : 'DESTINATAIRES'}${NBSP}:`;
}

/**
 * `FROM:`, or the French label agreeing with the senders: EXPÉDITEUR (one man), EXPÉDITRICE (one
 * woman), EXPÉDITEURS / EXPÉDITRICES (several), EXPÉDITEUR ET EXPÉDITRICE (one of each, as in the
 * reference memo) and the other mixed forms. When any sender's gender is unknown or `x`, the
 * neutral collective noun EXPÉDITION is used: it fits any number and any mix of senders.
 */
export function sendersLabel(lang: MemoLang, genders: readonly (string | undefined)[]): string {
  if (lang === 'en') return 'FROM:';
  const men = genders.filter((g) => g === 'm').length;
  const women = genders.filter((g) => g === 'f').length;
  let word: string;
  if (genders.length === 0 || men + women < genders.length) word = 'EXPÉDITION';
  else {
    const male = men === 0 ? '' : men === 1 ? 'EXPÉDITEUR' : 'EXPÉDITEURS';
    const female = women === 0 ? '' : women === 1 ? 'EXPÉDITRICE' : 'EXPÉDITRICES';
    word = male && female ? `${male} ET ${female}` : male || female;
  }
  return `${word}${NBSP}:`;
}
