import { sha256 } from '@noble/hashes/sha2';

/** The SHA-256 of a text's UTF-8 bytes, base64, for the web build (no node:crypto there; WebCrypto's digest is asynchronous). */
export function sha256Base64(text: string): string {
  const digest = sha256(new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...digest));
}
