import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { app } from "../worker/doors/app.ts";
import { consents } from "../worker/mechanisms/db/schema.ts";
import { BASE, db, mailsTo, postForm, request, subscriberByEmail, uniqueEmail } from "./helpers.ts";
import { interceptFetch } from "./intercept-fetch.ts";

// Cloudflare's official Turnstile test keys.
const PASS = { site: "1x00000000000000000000AA", secret: "1x0000000000000000000000000000000AA" };
const FAIL = { site: "2x00000000000000000000AB", secret: "2x0000000000000000000000000000000AA" };

describe("abuse at the door", () => {
  it("limits signups from one IP, with a calm message and nothing stored", async () => {
    const ip = "192.0.2.77";
    for (let i = 0; i < 10; i++)
      expect((await postForm("/inschrijven", { email: uniqueEmail() }, { "cf-connecting-ip": ip })).status).toBe(303);
    const email = uniqueEmail();
    const limited = await postForm("/inschrijven", { email, voornaam: "Kees" }, { "cf-connecting-ip": ip });
    expect(limited.status).toBe(429);
    const body = await limited.text();
    expect(body).toContain("Wacht een minuutje");
    expect(body).toContain('value="Kees"');
    expect(await subscriberByEmail(email)).toBeUndefined();
  });

  it("limits signups for one address from many IPs", async () => {
    const email = uniqueEmail();
    for (let i = 0; i < 5; i++) await postForm("/inschrijven", { email });
    expect((await postForm("/inschrijven", { email })).status).toBe(429);
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it("sends a bot that fills the honeypot on its way, storing and mailing nothing", async () => {
    const email = uniqueEmail();
    const response = await postForm("/inschrijven", { email, website: "https://spam.example" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/ingeschreven");
    expect(await subscriberByEmail(email)).toBeUndefined();
    expect(await mailsTo(email)).toEqual([]);
  });
});

describe("Turnstile, when configured", () => {
  const siteverify = () =>
    interceptFetch(async (request) => {
      if (request.url !== "https://challenges.cloudflare.com/turnstile/v0/siteverify")
        return new Response("no", { status: 404 });
      const form = new URLSearchParams(await request.text());
      return Response.json({ success: form.get("secret") === PASS.secret && form.get("response") !== "" });
    });

  const send = (keys: typeof PASS, fields: Record<string, string>) =>
    app.fetch(
      new Request(`${BASE}/inschrijven`, {
        method: "POST",
        body: new URLSearchParams(fields),
        headers: { "cf-connecting-ip": "192.0.2.200" },
        redirect: "manual",
      }),
      { ...env, TURNSTILE_SITE_KEY: keys.site, TURNSTILE_SECRET_KEY: keys.secret },
    );

  it("shows the widget and lets its script through the CSP", async () => {
    const response = await app.fetch(new Request(`${BASE}/`), {
      ...env,
      TURNSTILE_SITE_KEY: PASS.site,
      TURNSTILE_SECRET_KEY: PASS.secret,
    });
    expect(await response.text()).toContain(`data-sitekey="${PASS.site}"`);
    expect(response.headers.get("content-security-policy")).toContain("https://challenges.cloudflare.com");
    const off = await request("/");
    expect(off.headers.get("content-security-policy")).not.toContain("challenges.cloudflare.com");
  });

  it("accepts a signup that passes siteverify", async () => {
    siteverify();
    const email = uniqueEmail();
    const response = await send(PASS, { email, "cf-turnstile-response": "XXXX.DUMMY.TOKEN.XXXX" });
    expect(response.status).toBe(303);
    expect((await subscriberByEmail(email))?.status).toBe("pending");
  });

  it("refuses a signup that fails siteverify or has no token, storing nothing", async () => {
    siteverify();
    for (const [keys, fields] of [
      [FAIL, { "cf-turnstile-response": "XXXX.DUMMY.TOKEN.XXXX" }],
      [PASS, {}],
    ] as const) {
      const email = uniqueEmail();
      const response = await send(keys, { email, ...fields });
      expect(response.status).toBe(422);
      expect(await response.text()).toContain("geen robot");
      expect(await subscriberByEmail(email)).toBeUndefined();
    }
  });
});

describe("the form on the author's own site", () => {
  it("accepts a plain cross-origin form post and records where the consent was given", async () => {
    const email = uniqueEmail();
    const response = await postForm(
      "/inschrijven",
      { email, voornaam: "Noor", bron: "embed" },
      { origin: "https://schrijver.example", referer: "https://schrijver.example/blog" },
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/ingeschreven");
    const subscriber = (await subscriberByEmail(email))!;
    const [consent] = await db.select().from(consents).where(eq(consents.subscriberId, subscriber.id)).all();
    expect(consent).toMatchObject({ source: "embed", privacyVersion: expect.any(String) });
    expect(consent!.ipHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("keeps line breaks in a name out of everything that becomes a mail header", async () => {
    const email = uniqueEmail();
    await postForm("/inschrijven", { email, voornaam: "Eva\r\nX-Extra: ja" });
    const subscriber = (await subscriberByEmail(email))!;
    expect(subscriber.firstName).not.toMatch(/[\r\n]/);
    const [mail] = await mailsTo(email);
    expect(mail!.subject).not.toMatch(/[\r\n]/);
    expect(Object.entries(mail!.headers).flat().join("")).not.toMatch(/[\r\n]/);
    expect(mail!.to).toBe(email);
  });
});
