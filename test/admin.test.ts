import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { suppress, suppressedAmong } from "../worker/domain/readers/suppression.ts";
import { app } from "../worker/doors/app.ts";
import { BASE, db, postForm, readerWhoAnswered, request } from "./helpers.ts";
import { interceptFetch } from "./intercept-fetch.ts";

const PASSWORD = "test-admin-password-long-enough";
let ipCounter = 0;
const freshIp = () => `198.51.100.${ipCounter++ % 250}`;

async function login(password = PASSWORD, ip = freshIp()) {
  return postForm("/beheer/inloggen", { wachtwoord: password }, { "cf-connecting-ip": ip });
}

async function session(): Promise<string> {
  const response = await login();
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

describe("the author's door", () => {
  it("sends a visitor without a session to the login page", async () => {
    for (const path of ["/beheer", "/beheer/antwoorden.csv"]) {
      const response = await request(path);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/beheer/inloggen");
    }
  });

  it("refuses a wrong password without a session", async () => {
    const response = await login("not-the-password-at-all");
    expect(response.status).toBe(401);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await response.text()).toContain("Dat wachtwoord klopt niet.");
  });

  it("says no password is set, rather than that hers is wrong, while ADMIN_PASSWORD is unset", async () => {
    const unset = { ...env, ADMIN_PASSWORD: "" };
    const page = await app.fetch(new Request(`${BASE}/beheer/inloggen`), unset);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Er is nog geen wachtwoord ingesteld (ADMIN_PASSWORD)");
    const posted = await app.fetch(
      new Request(`${BASE}/beheer/inloggen`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": freshIp(), origin: BASE },
        body: new URLSearchParams({ wachtwoord: "any-password-she-might-try" }),
      }),
      unset,
    );
    expect(posted.status).toBe(401);
    expect(posted.headers.get("set-cookie")).toBeNull();
    const body = await posted.text();
    expect(body).toContain("Er is nog geen wachtwoord ingesteld (ADMIN_PASSWORD)");
    expect(body).not.toContain("Dat wachtwoord klopt niet.");
  });

  it("points to Cloudflare Access, not a password, where Access guards /beheer", async () => {
    const access = { ...env, ACCESS_TEAM_DOMAIN: "rustenrichting.cloudflareaccess.com", ACCESS_AUD: "aud-tag" };
    const page = await app.fetch(new Request(`${BASE}/beheer/inloggen`), access);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("je logt in via Access, niet met een wachtwoord");
  });

  it("starts an HttpOnly, Secure, SameSite=Strict session on the right password", async () => {
    const response = await login();
    expect(response.status).toBe(303);
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/beheer/);
  });

  it("rejects a tampered session cookie", async () => {
    const cookie = await session();
    const tampered = cookie.replace(/=(.)/, (_, first) => `=${first === "A" ? "B" : "A"}`);
    expect(tampered).not.toBe(cookie);
    const response = await request("/beheer", { headers: { cookie: tampered } });
    expect(response.status).toBe(303);
  });

  it("slows down repeated attempts from one address, even with the right password", async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await login(`wrong-password-number-${i}`, ip);
    const response = await login(PASSWORD, ip);
    expect(response.status).toBe(429);
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("refuses an author action posted from another site, and changes nothing", async () => {
    const cookie = await session();
    const { email } = await readerWhoAnswered({ note: "blijft", share: false });
    await suppress(db, env.TOKEN_SECRET, [email], "bounce", Date.now());
    const forged = await postForm(
      "/beheer/onderdrukking-opheffen",
      { email },
      { cookie, origin: "https://kwaad.example", "sec-fetch-site": "cross-site" },
    );
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("Dit formulier kwam niet van je eigen beheerpagina");
    expect((await suppressedAmong(db, [env.TOKEN_SECRET], [email])).has(email)).toBe(true);

    const own = await postForm(
      "/beheer/onderdrukking-opheffen",
      { email },
      { cookie, "sec-fetch-site": "same-origin" },
    );
    expect(own.status).toBe(200);
    expect((await suppressedAmong(db, [env.TOKEN_SECRET], [email])).has(email)).toBe(false);
  });

  it("shows answers and the words readers chose to share, never addresses or unshared words", async () => {
    const { email: sharer } = await readerWhoAnswered({ note: "Gedeeld: rust vond ik in de tuin.", share: true });
    const { email: keeper } = await readerWhoAnswered({ note: "Privé: dit is alleen voor mij.", share: false });
    const cookie = await session();
    const dashboard = await (await request("/beheer", { headers: { cookie } })).text();
    expect(dashboard).toContain("Gedeeld: rust vond ik in de tuin.");
    expect(dashboard).not.toContain("Privé: dit is alleen voor mij.");
    expect(dashboard).not.toContain(sharer);
    expect(dashboard).not.toContain(keeper);

    const csv = await request("/beheer/antwoorden.csv", { headers: { cookie } });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const body = await csv.text();
    expect(body).toContain("Gedeeld: rust vond ik in de tuin.");
    expect(body).not.toContain("Privé");
    expect(body).not.toContain("@");
  });

  it("defuses CSV fields that start with a control character, as it does = + - @", async () => {
    await readerWhoAnswered({ note: '\u0001=HYPERLINK("https://kwaad.example")', share: true });
    const csv = await (await request("/beheer/antwoorden.csv", { headers: { cookie: await session() } })).text();
    expect(csv).toContain(`"'\u0001=HYPERLINK(""https://kwaad.example"")"`);
    expect(csv).not.toContain(`,"\u0001=`);
  });
});

describe("the author's door behind Cloudflare Access", () => {
  const team = "rustenrichting.cloudflareaccess.com";
  const aud = "aud-0123456789";
  const accessEnv = { ...env, ACCESS_TEAM_DOMAIN: team, ACCESS_AUD: aud };

  async function accessKeys() {
    const pair = (await crypto.subtle.generateKey(
      { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
      true,
      ["sign", "verify"],
    )) as CryptoKeyPair;
    const jwk = { ...((await crypto.subtle.exportKey("jwk", pair.publicKey)) as JsonWebKey), kid: "k1" };
    interceptFetch((request) =>
      request.url === `https://${team}/cdn-cgi/access/certs`
        ? Response.json({ keys: [jwk] })
        : new Response("no", { status: 404 }),
    );
    const b64 = (value: string | Uint8Array) =>
      btoa(typeof value === "string" ? value : String.fromCharCode(...value))
        .replace(/\+/g, "-")
        .replace(/\//g, "_")
        .replace(/=+$/, "");
    return async (claims: Record<string, unknown>) => {
      const head = `${b64(JSON.stringify({ alg: "RS256", kid: "k1" }))}.${b64(JSON.stringify(claims))}`;
      const signature = new Uint8Array(
        await crypto.subtle.sign("RSASSA-PKCS1-v1_5", pair.privateKey, new TextEncoder().encode(head)),
      );
      return `${head}.${b64(signature)}`;
    };
  }

  const visit = (jwt?: string) =>
    app.fetch(new Request(`${BASE}/beheer`, { headers: jwt ? { "cf-access-jwt-assertion": jwt } : {} }), accessEnv);

  it("lets in a valid Access token for this application, and nothing else", async () => {
    const sign = await accessKeys();
    const exp = Math.floor(Date.now() / 1000) + 600;
    const iss = `https://${team}`;
    expect((await visit(await sign({ aud: [aud], exp, iss }))).status).toBe(200);
    expect((await visit(await sign({ aud: ["other-app"], exp, iss }))).status).toBe(303);
    expect((await visit(await sign({ aud: [aud], exp: exp - 1200, iss }))).status).toBe(303);
    expect((await visit(await sign({ aud: [aud], exp, iss: "https://evil.example" }))).status).toBe(303);
    expect((await visit()).status).toBe(303);
  });
});
