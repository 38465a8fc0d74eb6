const decoder = new TextDecoder();

function base64urlBytes(value: string): Uint8Array {
  const base64 = value
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(value.length / 4) * 4, "=");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

type Jwk = JsonWebKey & { kid?: string };
const keyCache = new Map<string, { keys: Jwk[]; fetchedAt: number }>();

async function teamKeys(teamDomain: string, now: number): Promise<Jwk[]> {
  const cached = keyCache.get(teamDomain);
  if (cached && now - cached.fetchedAt < 3_600_000) return cached.keys;
  const response = await fetch(`https://${teamDomain}/cdn-cgi/access/certs`);
  if (!response.ok) throw new Error(`Cloudflare Access keys unavailable (${response.status})`);
  const { keys } = (await response.json()) as { keys: Jwk[] };
  keyCache.set(teamDomain, { keys, fetchedAt: now });
  return keys;
}

/**
 * Verifies a Cloudflare Access JWT (`Cf-Access-Jwt-Assertion`): RS256 signed by
 * one of the team's keys, for this application's audience, from this team, not expired.
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
      iss?: string;
    };
    if (header.alg !== "RS256") return false;
    const audiences = ([] as string[]).concat(claims.aud ?? []);
    if (
      !audiences.includes(audience) ||
      claims.iss !== `https://${teamDomain}` ||
      !claims.exp ||
      claims.exp * 1000 < now
    )
      return false;
    const jwk = (await teamKeys(teamDomain, now)).find((key) => key.kid === header.kid);
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
