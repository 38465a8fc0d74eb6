import { afterEach, describe, expect, it, vi } from "vitest";
import { verifyAccessJwt } from "../worker/doors/author/access-jwt.ts";
import { interceptFetch } from "./intercept-fetch.ts";

const aud = "aud-0123456789";
let teams = 0;

const b64 = (value: string | Uint8Array) =>
  btoa(typeof value === "string" ? value : String.fromCharCode(...value))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

async function keyPair(kid: string) {
  const pair = (await crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"],
  )) as CryptoKeyPair;
  const jwk = { ...((await crypto.subtle.exportKey("jwk", pair.publicKey)) as JsonWebKey), kid };
  const sign = async (claims: Record<string, unknown>) => {
    const head = `${b64(JSON.stringify({ alg: "RS256", kid }))}.${b64(JSON.stringify(claims))}`;
    const signature = new Uint8Array(
      await crypto.subtle.sign("RSASSA-PKCS1-v1_5", pair.privateKey, new TextEncoder().encode(head)),
    );
    return `${head}.${b64(signature)}`;
  };
  return { jwk, sign };
}

/** A team of its own whose published keys the test can rotate; counts the fetches of them. */
function team() {
  const domain = `team${teams++}-${Date.now()}.cloudflareaccess.com`;
  const state = { keys: [] as JsonWebKey[], fetches: 0 };
  interceptFetch((request) => {
    if (request.url !== `https://${domain}/cdn-cgi/access/certs`) return new Response("no", { status: 404 });
    state.fetches++;
    return Response.json({ keys: state.keys });
  });
  return { domain, iss: `https://${domain}`, state };
}

describe("the Cloudflare Access token check", () => {
  afterEach(() => vi.useRealTimers());

  it("refuses a token that is not valid yet (nbf in the future)", async () => {
    const { domain, iss, state } = team();
    const key = await keyPair("k1");
    state.keys = [key.jwk];
    const now = Date.now();
    const exp = Math.floor(now / 1000) + 600;
    expect(await verifyAccessJwt(await key.sign({ aud: [aud], iss, exp, nbf: exp - 900 }), domain, aud, now)).toBe(
      true,
    );
    expect(await verifyAccessJwt(await key.sign({ aud: [aud], iss, exp, nbf: exp - 300 }), domain, aud, now)).toBe(
      false,
    );
  });

  it("fetches the keys again for an unknown kid, so a rotated key is accepted at once", async () => {
    const { domain, iss, state } = team();
    const old = await keyPair("old");
    const rotated = await keyPair("new");
    state.keys = [old.jwk];
    const now = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now });
    const claims = { aud: [aud], iss, exp: Math.floor(now / 1000) + 600 };
    expect(await verifyAccessJwt(await old.sign(claims), domain, aud, now)).toBe(true);
    state.keys = [old.jwk, rotated.jwk];
    // The keys' cache keeps the clock's time: a minute on, past the least time between two fetches.
    vi.setSystemTime(now + 60_000);
    expect(await verifyAccessJwt(await rotated.sign(claims), domain, aud, now + 60_000)).toBe(true);
    expect(state.fetches).toBe(2);
  });

  it("does not let unknown kids make it fetch the keys on every request", async () => {
    const { domain, iss, state } = team();
    const known = await keyPair("known");
    const stranger = await keyPair("stranger");
    state.keys = [known.jwk];
    const now = Date.now();
    const claims = { aud: [aud], iss, exp: Math.floor(now / 1000) + 600 };
    for (let i = 0; i < 5; i++)
      expect(await verifyAccessJwt(await stranger.sign(claims), domain, aud, now + i)).toBe(false);
    expect(state.fetches).toBeLessThanOrEqual(2);
  });

  it("fetches the keys for an unknown kid at most once per 30 seconds, and for a known kid once an hour", async () => {
    const { domain, iss, state } = team();
    const known = await keyPair("known");
    const stranger = await keyPair("stranger");
    state.keys = [known.jwk];
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const verifyAt = async (ms: number, key: Awaited<ReturnType<typeof keyPair>>) => {
      vi.setSystemTime(start + ms);
      const token = await key.sign({ aud: [aud], iss, exp: Math.floor((start + ms) / 1000) + 600 });
      return verifyAccessJwt(token, domain, aud, start + ms);
    };
    expect(await verifyAt(0, known)).toBe(true);
    expect(await verifyAt(29_000, stranger)).toBe(false);
    expect(state.fetches).toBe(1);
    expect(await verifyAt(31_000, stranger)).toBe(false);
    expect(state.fetches).toBe(2);
    expect(await verifyAt(31_000 + 3_599_000, known)).toBe(true);
    expect(state.fetches).toBe(2);
    expect(await verifyAt(31_000 + 3_601_000, known)).toBe(true);
    expect(state.fetches).toBe(3);
  });

  it("refuses a token without an expiry, an unsigned one, and anything that is no token", async () => {
    const { domain, iss, state } = team();
    const key = await keyPair("k1");
    state.keys = [key.jwk];
    const now = Date.now();
    const exp = Math.floor(now / 1000) + 600;
    expect(await verifyAccessJwt(await key.sign({ aud: [aud], iss, exp }), domain, aud, now)).toBe(true);
    expect(await verifyAccessJwt(await key.sign({ aud: [aud], iss }), domain, aud, now)).toBe(false);
    const unsigned = `${b64(JSON.stringify({ alg: "none", kid: "k1" }))}.${b64(JSON.stringify({ aud: [aud], iss, exp }))}.`;
    expect(await verifyAccessJwt(unsigned, domain, aud, now)).toBe(false);
    for (const garbage of ["", "a.b.c", "not a token"])
      expect(await verifyAccessJwt(garbage, domain, aud, now)).toBe(false);
  });

  it("refuses every token, without an error, while the team's keys cannot be fetched", async () => {
    const domain = `down${teams++}-${Date.now()}.cloudflareaccess.com`;
    interceptFetch(() => new Response("unavailable", { status: 503 }));
    const key = await keyPair("k1");
    const now = Date.now();
    const token = await key.sign({ aud: [aud], iss: `https://${domain}`, exp: Math.floor(now / 1000) + 600 });
    expect(await verifyAccessJwt(token, domain, aud, now)).toBe(false);
  });
});
