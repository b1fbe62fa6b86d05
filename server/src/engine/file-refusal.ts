import { Locale, t } from './messages';

/** Why a host did not read a file it was handed (see server/src/files/read.ts). */
export type FileRefusalReason = 'notFound' | 'notFile' | 'tooLarge' | 'outside' | 'notUtf8' | 'unreadable';

/** A file a host refused to read, or could not: the reason, said in the writer's language by `refusalText`. */
export interface FileRefusal {
  refused: FileRefusalReason;
  /** For `tooLarge`: the limit, in megabytes. */
  limitMb?: number;
  /** For `unreadable`: the system's error code (EACCES, ELOOP…). */
  code?: string;
}

/** Whether a value is a refusal rather than a file's text. */
export function isFileRefusal(value: unknown): value is FileRefusal {
  return typeof value === 'object' && value !== null && typeof (value as FileRefusal).refused === 'string';
}

/** The reason a file was not read, as a clause to put after "…: " in a message. */
export function refusalText(locale: Locale, refusal: FileRefusal): string {
  switch (refusal.refused) {
    case 'tooLarge':
      return t(locale, 'file.tooLarge', { limit: refusal.limitMb ?? 0 });
    case 'unreadable':
      return t(locale, 'file.unreadable', { code: refusal.code ?? '?' });
    default:
      return t(locale, `file.${refusal.refused}`);
  }
}
