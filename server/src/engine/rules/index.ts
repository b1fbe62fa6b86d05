import type { Rule } from '../rule';
import { bilingual } from './bilingual';
import { dateFormat } from './date-format';
import { frontMatter } from './front-matter';
import { recipients } from './recipients';
import { schema } from './schema';
import { signatories } from './signatories';
import { yamlSyntax } from './yaml-syntax';

/**
 * The one registry of rules, in the order they claim schema errors: the specific rules first,
 * `schema` last (it reports whatever no other rule claimed).
 */
export const rules: readonly Rule[] = [frontMatter, yamlSyntax, bilingual, recipients, signatories, dateFormat, schema];

/** Every rule id, for docs, settings and the CLI. */
export const ruleIds: readonly string[] = rules.map((r) => r.id);
