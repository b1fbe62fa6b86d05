import type { Locale } from '../engine';

/** The web build's docs.ts: the rules' pages are not on a disk the web worker can look at, so diagnostics carry no link there. */
export function docsPage(_folder: string | undefined, _rule: string, _locale: Locale): string | undefined {
  return undefined;
}
