import type { RuleContext } from './context';
import type { Severity } from './findings';
import type { SchemaError } from './schema';

/** A rule: a stable id, a default severity, and a check that reports through the context. */
export interface Rule {
  id: string;
  defaultSeverity: Severity;
  /** Rules that read the memo's data run only when its YAML parsed cleanly into data. */
  needsData: boolean;
  /** Schema errors this rule explains better than the generic `schema` rule; the first rule to claim one gets it. */
  claims?(error: SchemaError): boolean;
  check(ctx: RuleContext): void;
}

/** The last key name along a data path (`['from', 0, 'title']` → `title`). */
export function lastKey(path: readonly (string | number)[], fallback = ''): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return fallback;
}
