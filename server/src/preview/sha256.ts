import { createHash } from 'node:crypto';

/** The SHA-256 of a text's UTF-8 bytes, base64 (a CSP hash source). The web build uses sha256.browser.ts. */
export function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}
