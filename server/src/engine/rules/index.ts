import type { Rule } from '../rule';
import { acronym } from './acronym';
import { bilingual } from './bilingual';
import { contactDomain } from './contact-domain';
import { dateFormat } from './date-format';
import { encoding } from './encoding';
import { frTypography } from './fr-typography';
import { frontMatter } from './front-matter';
import { imageAlt } from './image-alt';
import { officialName } from './official-name';
import { parity } from './parity';
import { placeholderLink } from './placeholder-link';
import { placeholderText } from './placeholder-text';
import { recipients } from './recipients';
import { schema } from './schema';
import { signatories } from './signatories';
import { untranslated } from './untranslated';
import { yamlSyntax } from './yaml-syntax';

/**
 * The one registry of rules, in the order they claim schema errors: the specific rules first,
 * `schema` last (it reports whatever no other rule claimed). The writing checks claim none.
 */
export const rules: readonly Rule[] = [
  frontMatter,
  yamlSyntax,
  encoding,
  bilingual,
  recipients,
  signatories,
  dateFormat,
  placeholderLink,
  imageAlt,
  placeholderText,
  acronym,
  frTypography,
  parity,
  untranslated,
  officialName,
  contactDomain,
  schema,
];

/** Every rule id, for docs, settings and the CLI. */
export const ruleIds: readonly string[] = rules.map((r) => r.id);
