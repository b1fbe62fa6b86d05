/** Words writers reach for instead of the memo format's keys (compared without accents or case). */
const ALIASES: Record<string, string> = {
  destinataire: 'to', destinataires: 'to', recipient: 'to', recipients: 'to', a: 'to',
  expediteur: 'from', expediteurs: 'from', expeditrice: 'from', expeditrices: 'from', expedition: 'from',
  'expediteur et expeditrice': 'from', de: 'from', sender: 'from', senders: 'from', signataires: 'from', signatories: 'from',
  objet: 'subject', sujet: 'subject', re: 'subject',
  pj: 'attachments', 'p j': 'attachments', 'piece jointe': 'attachments', 'pieces jointes': 'attachments',
  annexe: 'attachments', annexes: 'attachments', attachment: 'attachments', attach: 'attachments',
  copie: 'cc', copies: 'cc', 'c c': 'cc', 'copie conforme': 'cc', 'copies conformes': 'cc',
  langue: 'lang', language: 'lang', langues: 'lang',
  ministere: 'ministry',
  direction: 'divisions', directions: 'divisions', division: 'divisions',
  adresse: 'address',
  numero: 'reference', ref: 'reference',
  nom: 'name',
  titre: 'title', poste: 'title', fonction: 'title',
  courriel: 'email', 'e mail': 'email', mail: 'email', 'adresse courriel': 'email',
  genre: 'gender',
  traduction: 'translation',
  corps: 'body', texte: 'body',
  'personne ressource': 'contact',
};

function normalize(key: string): string {
  return key
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s._-]+/g, ' ')
    .trim();
}

/** Levenshtein distance between two strings. */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/**
 * The known key an unknown one most likely meant: a French or common alias, or a key within a
 * small spelling distance. `safe` is true when there is exactly one such key.
 */
export function closestKey(unknown: string, allowed: readonly string[]): { key: string; safe: boolean } | undefined {
  const word = normalize(unknown);
  const alias = ALIASES[word];
  if (alias && allowed.includes(alias)) return { key: alias, safe: true };
  const limit = word.length <= 4 ? 1 : 2;
  let best: string[] = [];
  let bestDistance = limit + 1;
  for (const key of allowed) {
    const d = distance(word, key.toLowerCase());
    if (d < bestDistance) {
      best = [key];
      bestDistance = d;
    } else if (d === bestDistance) {
      best.push(key);
    }
  }
  if (best.length === 0) return undefined;
  return { key: best[0], safe: best.length === 1 };
}
