const decoder = new TextDecoder();

function base64urlBytes(value: string): Uint8Array {
  return Uint8Array.fromBase64(value, { alphabet: "base64url" });
}

type Jwk = JsonWebKey & { kid?: string };
const keyCache = new Map<string, { keys: Jwk[]; fetchedAt: number }>();

/** Keys are kept an hour; a kid not among them refetches them, but at most this often (a forged kid cannot make us hammer Access). */
const KEYS_MS = 3_600_000;
const REFETCH_MS = 30_000;

async function fetchKeys(teamDomain: string, now: number): Promise<Jwk[]> {
  const response = await fetch(`https://${teamDomain}/cdn-cgi/access/certs`);
  if (!response.ok) throw new Error(`Cloudflare Access keys unavailable (${response.status})`);
  const { keys } = (await response.json()) as { keys: Jwk[] };
  keyCache.set(teamDomain, { keys, fetchedAt: now });
  return keys;
}

/** The team's key with this kid: from the cache, or freshly fetched when it is stale or lacks the kid (a rotation). */
async function teamKey(teamDomain: string, kid: string | undefined, now: number): Promise<Jwk | undefined> {
  const cached = keyCache.get(teamDomain);
  const age = cached ? now - cached.fetchedAt : Number.POSITIVE_INFINITY;
  const known = cached?.keys.find((key) => key.kid === kid);
  if (age < KEYS_MS && (known || age < REFETCH_MS)) return known;
  return (await fetchKeys(teamDomain, now)).find((key) => key.kid === kid);
}

/**
 * Verifies a Cloudflare Access JWT (`Cf-Access-Jwt-Assertion`): RS256 signed by
 * one of the team's keys, for this application's audience, from this team, already valid (`nbf`)
 * and not expired.
 */
export async function verifyAccessJwt(
  token: string,
  teamDomain: string,
  audience: string,
  now: number,
): Promise<boolean> {
  const parts = token.split(".");
  if (parts.length !== 3) return false;
  try {
    const header = JSON.parse(decoder.decode(base64urlBytes(parts[0]!))) as { alg?: string; kid?: string };
    const claims = JSON.parse(decoder.decode(base64urlBytes(parts[1]!))) as {
      aud?: string | string[];
      exp?: number;
      nbf?: number;
      iss?: string;
    };
    if (header.alg !== "RS256") return false;
    const audiences = ([] as string[]).concat(claims.aud ?? []);
    if (
      !audiences.includes(audience) ||
      claims.iss !== `https://${teamDomain}` ||
      !claims.exp ||
      claims.exp * 1000 < now ||
      (claims.nbf !== undefined && claims.nbf * 1000 > now)
    )
      return false;
    const jwk = await teamKey(teamDomain, header.kid, now);
    if (!jwk) return false;
    const key = await crypto.subtle.importKey("jwk", jwk, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, [
      "verify",
    ]);
    return crypto.subtle.verify(
      "RSASSA-PKCS1-v1_5",
      key,
      base64urlBytes(parts[2]!),
      new TextEncoder().encode(`${parts[0]}.${parts[1]}`),
    );
  } catch {
    return false;
  }
}
