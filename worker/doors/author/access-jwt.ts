import { createRemoteJWKSet, jwtVerify } from "jose";

/** Keys are kept an hour; a kid not among them refetches them, but at most this often (a forged kid cannot make us hammer Access). */
const KEYS_MS = 3_600_000;
const REFETCH_MS = 30_000;

/** Each team's published keys, kept by jose for this isolate's lifetime under the rule above. */
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function teamKeys(teamDomain: string) {
  let keys = keySets.get(teamDomain);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(`https://${teamDomain}/cdn-cgi/access/certs`), {
      cacheMaxAge: KEYS_MS,
      cooldownDuration: REFETCH_MS,
    });
    keySets.set(teamDomain, keys);
  }
  return keys;
}

/**
 * Verifies a Cloudflare Access JWT (`Cf-Access-Jwt-Assertion`) with jose, as Cloudflare
 * documents it: RS256 signed by one of the team's keys, for this application's audience,
 * issued by this team, already valid (`nbf`) at `now` and not expired (`exp` required).
 */
export async function verifyAccessJwt(
  token: string,
  teamDomain: string,
  audience: string,
  now: number,
): Promise<boolean> {
  try {
    await jwtVerify(token, teamKeys(teamDomain), {
      issuer: `https://${teamDomain}`,
      audience,
      algorithms: ["RS256"],
      requiredClaims: ["exp"],
      currentDate: new Date(now),
    });
    return true;
  } catch {
    return false;
  }
}
