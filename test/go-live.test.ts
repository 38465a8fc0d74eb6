import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { goLiveChecklist, lastWebhookAt } from "../worker/domain/health/go-live.ts";
import { markHandled, pruneHandled } from "../worker/domain/readers/suppression.ts";
import { app } from "../worker/doors/app.ts";
import { outbox, webhookEvents } from "../worker/mechanisms/db/schema.ts";
import { config } from "../worker/mechanisms/lib/config.ts";
import { TOLERANCE_MS } from "../worker/mechanisms/lib/svix.ts";
import { resendDomains } from "../worker/mechanisms/mail/resend-domains.ts";
import { authorSession } from "./author-session.ts";
import type { FakeDomain, FakeResendOptions } from "./fake-resend.ts";
import { BASE, db, postForm } from "./helpers.ts";
import { interceptFetch } from "./intercept-fetch.ts";
import { fakeResend } from "./resend-spec.ts";

const KEY = "re_test_key";
const domain = (status: FakeDomain["status"], name = "rustenrichting.nl"): FakeDomain => ({
  id: `d-${status}`,
  name,
  status,
});

/** The status page of a Worker that sends through Resend (no outbox), with `settings` on top. */
async function liveStatusPage(settings: Record<string, string>, resend: FakeResendOptions = {}) {
  const fake = fakeResend(resend);
  interceptFetch(fake.fetch);
  const liveEnv = { ...env, MAIL_TRANSPORT: "", RESEND_API_KEY: KEY, ...settings };
  const response = await app.fetch(
    new Request(`${BASE}/beheer/status`, { headers: { cookie: await authorSession() } }),
    liveEnv,
  );
  expect(response.status).toBe(200);
  expect(fake.problems).toEqual([]);
  return response.text();
}

/** The checklist's text without tags and with single spaces, as she reads it. */
const read = (page: string) =>
  page
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .replaceAll("&quot;", '"');

describe("Resend's domains, as the fake Resend answers them", () => {
  it("lists the account's domains in the shape the spec gives, and one by its id", async () => {
    const fake = fakeResend({ domains: [domain("verified")] });
    const list = await fake.fetch("https://api.resend.com/domains?limit=10", {
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(list.status).toBe(200);
    expect(await list.json()).toMatchObject({
      object: "list",
      has_more: false,
      data: [{ id: "d-verified", name: "rustenrichting.nl", status: "verified" }],
    });
    const one = await fake.fetch("https://api.resend.com/domains/d-verified", {
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(await one.json()).toMatchObject({ object: "domain", name: "rustenrichting.nl", status: "verified" });
    expect(fake.problems).toEqual([]);
  });

  it("refuses a query the spec does not allow, and a missing key", async () => {
    const fake = fakeResend({ domains: [domain("verified")] });
    const tooMany = await fake.fetch("https://api.resend.com/domains?limit=500", {
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(tooMany.status).toBe(422);
    const unknown = await fake.fetch("https://api.resend.com/domains?status=verified", {
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(unknown.status).toBe(422);
    expect((await fake.fetch("https://api.resend.com/domains")).status).toBe(401);
    expect(fake.problems).toEqual([
      "query limit: more than 100",
      "query status: not in the spec",
      "missing or wrong API key",
    ]);
  });
});

describe("asking Resend for the domains", () => {
  it("hands back each domain's name and status", async () => {
    const fake = fakeResend({ domains: [domain("pending"), domain("verified", "ander.nl")] });
    expect(await resendDomains({ apiKey: KEY, fetch: fake.fetch })).toEqual({
      kind: "listed",
      domains: [
        { name: "rustenrichting.nl", status: "pending" },
        { name: "ander.nl", status: "verified" },
      ],
    });
  });

  it("gives up quickly on a Resend that does not answer, and on one that hangs up", async () => {
    const hangs = fakeResend({ fault: () => "timeout" });
    expect(await resendDomains({ apiKey: KEY, fetch: hangs.fetch, timeoutMs: 50 })).toEqual({ kind: "unreachable" });
    const drops = fakeResend({ fault: () => "drop" });
    expect(await resendDomains({ apiKey: KEY, fetch: drops.fetch })).toEqual({ kind: "unreachable" });
    const fails = fakeResend({ fault: () => ({ status: 503 }) });
    expect(await resendDomains({ apiKey: KEY, fetch: fails.fetch })).toEqual({ kind: "unreachable" });
  });

  it("tells a key that may only send from a key Resend refuses", async () => {
    const sendingOnly = fakeResend({ sendingOnlyKey: true });
    expect(await resendDomains({ apiKey: KEY, fetch: sendingOnly.fetch })).toEqual({ kind: "sending-only-key" });
    const fake = fakeResend();
    expect(await resendDomains({ apiKey: "re_wrong", fetch: fake.fetch })).toEqual({ kind: "wrong-key" });
  });
});

describe("the go-live checklist on the status page", () => {
  it("says the sending domain is verified when Resend says so", async () => {
    const page = read(await liveStatusPage({}, { domains: [domain("verified")] }));
    expect(page).toContain(
      "Klaar: Je afzenderdomein bij Resend (rustenrichting.nl). Resend meldt: rustenrichting.nl is geverifieerd.",
    );
    expect(page).toContain("Klaar: De sleutel van Resend (RESEND_API_KEY).");
  });

  it("names a domain Resend has not verified, with the steps to verify it", async () => {
    const page = read(await liveStatusPage({}, { domains: [domain("pending")] }));
    expect(page).toContain(
      "Nog te doen: Je afzenderdomein bij Resend (rustenrichting.nl). Resend meldt: rustenrichting.nl is nog niet geverifieerd: Resend wacht op je DNS-records. Zet de DNS-records die Resend bij rustenrichting.nl noemt bij je domeinbeheerder, en klik daarna in Resend op Verify.",
    );
    expect(page).toContain(
      'Nog niet alles staat klaar voor echte lezers: kijk bij "Klaar om live te gaan?" hieronder.',
    );
    expect(page).not.toContain("Alles loopt.");
  });

  it("names a domain missing from the Resend account", async () => {
    const page = read(await liveStatusPage({}, { domains: [domain("verified", "ander.nl")] }));
    expect(page).toContain("rustenrichting.nl staat niet in je Resend-account.");
  });

  it("still shows the page, with a clear line, when Resend cannot be reached", async () => {
    const page = read(await liveStatusPage({}, { fault: () => "drop" }));
    expect(page).toContain("Deze pagina kon Resend niet bereiken om het domein na te gaan.");
    expect(page).toContain("Hoe loopt het?");
  });

  it("says which key may only send, instead of guessing about the domain", async () => {
    const page = read(await liveStatusPage({}, { sendingOnlyKey: true }));
    expect(page).toContain("Je sleutel mag alleen versturen, dus deze pagina kan het domein niet nagaan.");
  });

  it("names an http address, a missing key and a missing webhook secret, each with its fix", async () => {
    const fake = fakeResend();
    interceptFetch(fake.fetch);
    const response = await app.fetch(
      new Request(`${BASE}/beheer/status`, { headers: { cookie: await authorSession() } }),
      { ...env, PUBLIC_URL: "http://localhost:8787", RESEND_WEBHOOK_SECRET: "" },
    );
    const page = read(await response.text());
    expect(page).toContain(
      "Nog te doen: Het adres van je site (PUBLIC_URL). http://localhost:8787 is geen https-adres op internet. Zet PUBLIC_URL in wrangler.toml onder [env.production.vars]",
    );
    expect(page).toContain("Nog te doen: De sleutel van Resend (RESEND_API_KEY). Er is geen sleutel");
    expect(page).toContain("wrangler secret put RESEND_API_KEY --env production");
    expect(page).toContain("Dat kan deze pagina pas nagaan als de sleutel van Resend er is.");
    expect(page).toContain(
      "RESEND_WEBHOOK_SECRET ontbreekt, dus adressen die bouncen of klagen krijgen gewoon mail. Maak op resend.com bij Webhooks een webhook naar http://localhost:8787/webhooks/resend",
    );
    expect(page).toContain("Nog te doen: De lokale outbox (MAIL_TRANSPORT=outbox).");
    expect(page).toContain("Klaar: Inloggen op je beheer. Je logt in met je wachtwoord (ADMIN_PASSWORD).");
    expect(fake.requests).toBe(0);
  });

  it("shows when the last webhook arrived, long after the replay guard forgot it", async () => {
    const arrived = Date.now() - 3 * 3_600_000;
    await markHandled(db, `msg_${crypto.randomUUID()}`, arrived);
    await pruneHandled(db, Date.now());
    expect(await lastWebhookAt(db)).toBeGreaterThanOrEqual(arrived);
    const page = read(await liveStatusPage({}, { domains: [domain("verified")] }));
    expect(page).toMatch(
      /Klaar: Berichten van Resend over bounces en klachten \(webhook\)\. Het laatste bericht van Resend kwam \d+ (uur|minuten?) geleden binnen/,
    );
  });

  it("asks for a test bounce while no webhook has come yet", () => {
    const items = goLiveChecklist({ cfg: config(env), domains: null, lastWebhookAt: null, now: Date.now() });
    expect(items.find((item) => item.what.includes("webhook"))).toEqual({
      ready: false,
      what: "Berichten van Resend over bounces en klachten (webhook)",
      detail:
        "Het secret is ingesteld, maar er kwam nog nooit een bericht van Resend binnen. Stuur een test van een les naar bounced@resend.dev (bij Lessen): Resend meldt dan een bounce, en die hoort hier te verschijnen.",
    });
  });
});

describe("the test bounce the checklist asks for", () => {
  it("goes out from the lessons page to Resend's bounce address", async () => {
    const to = "bounced@resend.dev";
    const response = await postForm("/beheer/lessen/1/test", { email: to }, { cookie: await authorSession() });
    expect(response.status).toBe(200);
    const mails = await db.select().from(outbox).where(eq(outbox.to, to)).all();
    expect(mails).toHaveLength(1);
  });
});

describe("the replay guard's pruning", () => {
  it("forgets webhook ids that can no longer be replayed, but keeps the newest: when Resend last came", async () => {
    const older = `msg_${crypto.randomUUID()}`;
    const newer = `msg_${crypto.randomUUID()}`;
    await markHandled(db, older, Date.now() - 5 * 3_600_000);
    await markHandled(db, newer, Date.now() - 4 * 3_600_000 - 2 * TOLERANCE_MS);
    await pruneHandled(db, Date.now());
    const kept = await db.select().from(webhookEvents).all();
    expect(kept.map((row) => row.svixId)).not.toContain(older);
    expect(kept.length).toBeGreaterThan(0);
    const newest = Math.max(...kept.map((row) => row.receivedAt));
    expect(kept.filter((row) => row.receivedAt < Date.now() - 2 * TOLERANCE_MS).map((row) => row.receivedAt)).toEqual([
      newest,
    ]);
  });
});
