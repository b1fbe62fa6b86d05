import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Locale } from '../engine';

/**
 * The docs page of a rule in the writer's language: `rules/<id>.fr.md` in French when it exists,
 * `rules/<id>.md` otherwise; undefined when the rule has no page.
 */
export function docsPage(folder: string | undefined, rule: string, locale: Locale): string | undefined {
  if (!folder) return undefined;
  const candidates = locale === 'fr' ? [`${rule}.fr.md`, `${rule}.md`] : [`${rule}.md`];
  return candidates.map((name) => path.join(folder, name)).find((file) => existsSync(file));
}
