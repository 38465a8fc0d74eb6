import { constantTimeEqual } from "./tokens.ts";

const encoder = new TextEncoder();

/** Svix refuses messages older or newer than this; so do we. */
export const TOLERANCE_MS = 5 * 60_000;

function fromBase64(value: string): Uint8Array | null {
  try {
    return Uint8Array.fromBase64(value);
  } catch {
    return null;
  }
}

export type SvixHeaders = { id: string | undefined; timestamp: string | undefined; signature: string | undefined };

/**
 * Verifies a Svix-signed webhook: `v1` HMAC-SHA256 over `id.timestamp.body`
 * with the base64 key after `whsec_`, and a timestamp within five minutes.
 * WebCrypto does the HMAC; the `standardwebhooks` package would replace it with a pure-JS
 * SHA-256 in CommonJS, and `svix` brings a whole API client.
 */
export async function verifySvix(secret: string, headers: SvixHeaders, body: string, now: number): Promise<boolean> {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now - Number(timestamp) * 1000) > TOLERANCE_MS) return false;
  const keyBytes = fromBase64(secret.replace(/^whsec_/, ""));
  if (!keyBytes || keyBytes.length === 0) return false;
  const key = await crypto.subtle.importKey("raw", keyBytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const expected = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(`${id}.${timestamp}.${body}`)));
  let valid = false;
  for (const candidate of signature.split(" ")) {
    const [version, value] = candidate.split(",", 2);
    const bytes = version === "v1" && value ? fromBase64(value) : null;
    if (bytes && constantTimeEqual(bytes, expected)) valid = true;
  }
  return valid;
}
