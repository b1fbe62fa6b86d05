/**
 * A small check of Canadian French typography for the project's own French texts (messages, schema
 * descriptions, manifest and client strings, docs). It follows the conventions in
 * /work/shared/reference/conventions.md: a no-break space (U+00A0) before `:`, no space before `;` `!` `?`,
 * no-break spaces inside « », « » rather than straight quotes, accents kept on capitals.
 */

const NBSP = '\u00a0';

/** Capitals that lost their accent, as seen in memo labels and sentence starts. */
const UNACCENTED_CAPITALS = /\b(EXPEDIT[A-Z]*|PIECES?|MINISTERE|Ecrire|Etat|Evaluation|Echeance|ECHEANCE)\b/;

export interface TypographyOptions {
  /**
   * Words that are YAML keys or option names: `name:` right after such a word is code, not a prose
   * colon, and needs no space.
   */
  codeWords?: ReadonlySet<string>;
}

/** Markdown inline code, masked (same length, no letters, no spaces) so the check reads prose only. */
function withoutInlineCode(text: string): string {
  return text.replace(/`[^`\n]*`/g, (code) => '_'.repeat(code.length));
}

/** The typography problems of one French text, each as a short description with the text around it. */
export function typographyProblems(text: string, options: TypographyOptions = {}): string[] {
  const prose = withoutInlineCode(text);
  const problems: string[] = [];
  const around = (at: number) => JSON.stringify(text.slice(Math.max(0, at - 15), at + 15));
  const each = (pattern: RegExp, what: string, keep: (m: RegExpExecArray) => boolean = () => true) => {
    for (const m of prose.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g'))) {
      if (keep(m as RegExpExecArray)) problems.push(`${what} at ${around(m.index ?? 0)}`);
    }
  };
  // A prose colon, semicolon, ! or ? is followed by a space or ends the text; anything else glued to it is code.
  each(/ [:;!?](?=\s|$)/u, 'an ordinary space before punctuation');
  each(/\u00a0[;!?]/u, 'a space before ; ! or ? (none in Canadian French)');
  each(/\u202f/u, 'a narrow no-break space (France, not Canada)');
  each(/(\p{L}+)[:](?=\s|$)/u, 'no no-break space before a colon', (m) => !(options.codeWords?.has(m[1]) ?? false));
  each(/«(?!\u00a0)/u, 'no no-break space after «');
  each(/(?<!\u00a0)»/u, 'no no-break space before »');
  each(/"/u, 'straight quotes where « » belong');
  each(UNACCENTED_CAPITALS, 'a capital without its accent');
  if (text.includes(`${NBSP}${NBSP}`)) problems.push(`two no-break spaces in a row at ${around(text.indexOf(NBSP + NBSP))}`);
  return problems;
}
