/**
 * Text from a memo, a file name or a command line is shown in a terminal only with its control
 * characters made visible: an ESC could move the cursor, erase lines, set the title or write to the
 * clipboard (OSC 52), a bidi control could reorder what the reader sees, a newline could fake a line.
 */
import { Locale, MessageId, MessageParams, pluralCategory, PluralId, t } from '../engine';

/** C0 controls, DEL, C1 controls, the line and paragraph separators, and the bidi marks, embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same, but keeping the newlines the CLI's own output is made of. */
// eslint-disable-next-line no-control-regex -- as above
const UNSAFE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves as it is among those (it escapes C0 controls itself). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visible(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One piece of untrusted text (a message, a path) for a terminal: every control shown as `\x1b` or `\u202e`, newlines too. */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** A whole block of output for a terminal: its lines kept, any other control made visible. */
export function terminalLines(text: string): string {
  return text.replace(UNSAFE_BUT_NEWLINE, visible);
}

/** JSON output with the controls JSON.stringify leaves raw written as `\u` escapes: the same JSON value, nothing for a terminal to act on. */
export function terminalJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A catalogue message whose parameters (paths, values, arguments) are shown with their controls made visible. */
export function say(locale: Locale, id: MessageId, params: MessageParams = {}): string {
  const shown: MessageParams = {};
  for (const [name, value] of Object.entries(params)) shown[name] = typeof value === 'string' ? terminalText(value) : value;
  return t(locale, id, shown);
}

/** `say` for a message with a singular and a plural form, chosen by `count`. */
export function sayCounted(locale: Locale, id: PluralId, count: number, params: MessageParams = {}): string {
  return say(locale, `${id}.${pluralCategory(locale, count)}` as MessageId, { count, ...params });
}
