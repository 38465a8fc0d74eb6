import { isBareToken } from "./links-from-before.ts";

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

const KEY_ID_LENGTH = 4;
const keyIds = new Map<string, Promise<string>>();

/**
 * The short id a link names its key by: four characters of a MAC of the secret, the same
 * for the same secret and telling nothing of it. Two accepted keys sharing an id (one
 * chance in 16 million) only make a lookup try both.
 */
export function keyId(secret: string): Promise<string> {
  let id = keyIds.get(secret);
  if (!id) {
    id = deriveToken(secret, "key-id", "").then((mac) => mac.slice(0, KEY_ID_LENGTH));
    keyIds.set(secret, id);
  }
  return id;
}

/**
 * Who makes a mail's links: a secret, and the key id they carry. `keyId` null is the
 * form from before key ids (a bare MAC), still made for a mail claimed back then, so a
 * retried send carries the very same links.
 */
export type Signer = { secret: string; keyId: string | null };

/** The signer of new links: the secret with its key id. */
export async function signerOf(secret: string): Promise<Signer> {
  return { secret, keyId: await keyId(secret) };
}

/** A token found by its stored hash (answer, confirm): the key id, then the MAC (47 characters); or the bare MAC (43) in the old form. */
export async function storedToken(signer: Signer, purpose: string, scope: string): Promise<string> {
  const mac = await deriveToken(signer.secret, purpose, scope);
  return signer.keyId ? `${signer.keyId}${mac}` : mac;
}

/**
 * A token that proves itself (unsubscribe, preferences): the key id, the MAC, then the scope
 * it was made for, so any accepted key checks it without a stored hash; in the old form the
 * bare MAC, which is found by the hash stored at signup. `scope` is URL-safe (a random id).
 * Every form is one run of URL-safe characters, told apart by length: 43, 47, or more.
 */
export async function provingToken(signer: Signer, purpose: string, scope: string): Promise<string> {
  const mac = await deriveToken(signer.secret, purpose, scope);
  return signer.keyId ? `${signer.keyId}${mac}${scope}` : mac;
}

const STORED = /^([A-Za-z0-9_-]{4})[A-Za-z0-9_-]{43}$/;
const PROVING = /^([A-Za-z0-9_-]{4})([A-Za-z0-9_-]{43})([A-Za-z0-9_-]{1,64})$/;

/** The accepted secrets whose key id is `id` (normally one, or none once that key was dropped). */
async function secretsWithId(secrets: readonly string[], id: string): Promise<string[]> {
  const ids = await Promise.all(secrets.map(keyId));
  return secrets.filter((_, index) => ids[index] === id);
}

/**
 * The hash to look a token from a URL up by (answer, confirm), or null: for anything not
 * of our shape, and for a key id that is not among `secrets` (a dropped key's links die
 * with it). A bare token from before key ids is looked up as it is.
 */
export async function storedTokenHash(token: string, secrets: readonly string[]): Promise<string | null> {
  if (isBareToken(token)) return hashToken(token);
  const match = STORED.exec(token);
  if (!match || (await secretsWithId(secrets, match[1]!)).length === 0) return null;
  return hashToken(token);
}

/**
 * What a self-proving token (unsubscribe, preferences) stands for: the scope it was made
 * for, when one of the accepted `secrets` named by its key id made it for `purpose`; or,
 * for a bare token from before key ids, the hash to find it by; else null.
 */
export async function provenScope(
  token: string,
  secrets: readonly string[],
  purpose: string,
): Promise<{ scope: string } | { hash: string } | null> {
  if (isBareToken(token)) return { hash: await hashToken(token) };
  const match = PROVING.exec(token);
  if (!match) return null;
  const [, id, mac, scope] = match as unknown as [string, string, string, string];
  for (const secret of await secretsWithId(secrets, id)) {
    const expected = await deriveToken(secret, purpose, scope);
    if (constantTimeEqual(encoder.encode(expected), encoder.encode(mac))) return { scope };
  }
  return null;
}
