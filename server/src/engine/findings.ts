import type { GlossaryTerm } from './config/types';
import type { Range, TextEdit } from './text';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A proposed change, as data: the server turns it into a code action, the CLI applies it with --fix. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe fixes need no judgement: `source.fixAll` and `policy-memo lint --fix` apply them. */
  safe: boolean;
  /** Shown first in the editor's quick-fix menu. */
  preferred?: boolean;
  /** Edits to other files (e.g. "Add to glossary"); never part of a safe fix. */
  otherFiles?: FileEdit[];
}

/** Edits to a file other than the memo, by path; `create` when the file does not exist yet. */
export interface FileEdit {
  path: string;
  create?: boolean;
  edits: TextEdit[];
  /** "Add to glossary": the term added, so a host holding newer text of the glossary (an open editor) can place it again. */
  glossaryTerm?: GlossaryTerm;
}

/** Another place that explains a finding (LSP related information). */
export interface RelatedPlace {
  /** A file path or URI; undefined means the same document. */
  uri?: string;
  range: Range;
  message: string;
}

/** One problem found in a memo. `rule` is the stable id (LSP Diagnostic.code, the CLI's `rule`). */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  related?: RelatedPlace[];
}
