import type { FileRefusal } from '../file-refusal';
import type { Severity } from '../findings';
import type { MessageId, MessageParams } from '../messages';

export type Typography = 'canada' | 'france';

/** An official name in both languages, as the directory holds it. */
export interface DirectoryEntry {
  en: string;
  fr: string;
  acronym?: { en?: string; fr?: string };
  /** For a division: its ministry (English name or acronym). */
  ministry?: string;
}

export interface Directory {
  ministries: DirectoryEntry[];
  divisions: DirectoryEntry[];
}

/** A glossary term: a pair, or a word used as is in one language (a proper name, an acronym). */
export interface GlossaryTerm {
  en?: string;
  fr?: string;
}

/** A `.policy-memo/` file as read by the host. */
export interface ConfigFile {
  path: string;
  text: string;
  /** Set when the host would not read the file (its text is then empty): the file is ignored, and says why. */
  refusal?: FileRefusal;
}

/** Why a config file is ignored: one problem per file, at a place in that file. */
export interface ConfigProblem {
  file: ConfigFile;
  start: number;
  end: number;
  message: MessageId;
  params: MessageParams;
  /** The file was not read: `params.reason` is this refusal, said in the writer's language. */
  refusal?: FileRefusal;
}

/** The workspace configuration the rules read: defaults, overlaid with whatever `.policy-memo/` holds. */
export interface MemoConfig {
  severities: Record<string, Severity | 'off'>;
  typography: Typography;
  contactDomains: string[];
  /** Extra acronyms that never need a definition. */
  acronyms: string[];
  /** Globs of memos the hosts do not check, relative to the folder that holds `.policy-memo/`. */
  ignore: string[];
  /** The starter directory with the workspace's entries added or overriding. */
  directory: Directory;
  glossary: GlossaryTerm[];
  /** Where `glossary.yaml` is, or would be created (for "Add to glossary"); undefined when no folder is known. */
  glossaryPath?: string;
  /** The glossary file's current text (undefined when it does not exist yet). */
  glossaryText?: string;
  problems: ConfigProblem[];
}
