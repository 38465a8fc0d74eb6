const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  return bytes.toBase64({ alphabet: "base64url", omitPadding: true });
}

/** 256 random bits, URL-safe. */
export function randomToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** A random identifier for rows (128 bits, URL-safe). */
export function randomId(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

export async function sha256(value: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(value)));
}

/** What the database stores of a token: its SHA-256, never the token itself. */
export async function hashToken(token: string): Promise<string> {
  return base64url(await sha256(token));
}

/** Tokens in URLs are 43 URL-safe characters (256 bits). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The hash to look a token from a URL up by, or null for anything not of our shape: that is never looked up. */
export async function lookupHash(token: string): Promise<string | null> {
  return TOKEN_PATTERN.test(token) ? hashToken(token) : null;
}

/** Compares without an early exit, so timing says nothing about how much of a secret was right. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keys.set(secret, key);
  }
  return key;
}

/**
 * A link token that can be made again from the same secret and scope: a retried
 * mail must carry the very same links, or Resend's idempotent replay would hold
 * links whose hashes were never stored. The purpose is part of the input, so a
 * token made for one purpose is worthless for another.
 */
export async function deriveToken(secret: string, purpose: string, scope: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(`${purpose}\u0000${scope}`));
  return base64url(new Uint8Array(mac));
}
