import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { app } from "../worker/doors/app.ts";
import { BASE, subscriberByEmail, uniqueEmail } from "./helpers.ts";

afterEach(() => vi.restoreAllMocks());

async function withSettings(settings: Partial<Record<keyof Env, string>>, email = "lezer@voorbeeld.nl") {
  const logged = vi.spyOn(console, "error").mockImplementation(() => {});
  const [a, b] = crypto.getRandomValues(new Uint16Array(2));
  const response = await app.fetch(
    new Request(`${BASE}/inschrijven`, {
      method: "POST",
      body: new URLSearchParams({ email }),
      headers: { "cf-connecting-ip": `2001:db8:c:${a!.toString(16)}:${b!.toString(16)}::1`, origin: BASE },
    }),
    { ...env, ...settings } as Env,
  );
  return { response, log: logged.mock.calls.map((call) => call.map(String).join(" ")).join("\n") };
}

describe("a missing setting", () => {
  it("stops the Worker with the setting's name on the page and in the log", async () => {
    const { response, log } = await withSettings({ TOKEN_SECRET: "" });
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).toContain("De site is niet goed ingesteld");
    expect(body).toContain("TOKEN_SECRET");
    expect(log).toContain('"event":"config_error"');
    expect(log).toContain('"settings":["TOKEN_SECRET"]');
    expect(log).not.toContain("lezer@voorbeeld.nl");
  });

  it("names a malformed one too, and never its value", async () => {
    const { response, log } = await withSettings({ TOKEN_SECRET: "te-kort-geheim", PUBLIC_URL: "geen adres" });
    const body = await response.text();
    expect(body).toContain("TOKEN_SECRET: TOKEN_SECRET must be at least 32 characters");
    expect(body).toContain("PUBLIC_URL");
    expect(log).toContain('"settings":["PUBLIC_URL","TOKEN_SECRET"]');
    for (const text of [body, log]) {
      expect(text).not.toContain("te-kort-geheim");
      expect(text).not.toContain("geen adres");
    }
  });

  it("names a Resend quota that is no whole number of mails above 0, each by its own period", async () => {
    const { response } = await withSettings({ RESEND_DAILY_QUOTA: "0", RESEND_MONTHLY_QUOTA: "veel" });
    const body = await response.text();
    expect(response.status).toBe(500);
    expect(body).toContain("RESEND_DAILY_QUOTA must be more than 0, or left unset when there is no daily quota");
    expect(body).toContain("RESEND_MONTHLY_QUOTA must be a number of mails a month, e.g. 3000");
  });
});

describe("a PUBLIC_URL without https", () => {
  const production = { MAIL_TRANSPORT: "", RESEND_API_KEY: "re_test_key" };

  for (const [name, settings] of [
    ["without MAIL_TRANSPORT", production],
    ["with MAIL_TRANSPORT=resend", { ...production, MAIL_TRANSPORT: "resend" }],
  ] as const)
    it(`stops a production Worker (${name}) with a message naming PUBLIC_URL, and stores nothing`, async () => {
      const email = uniqueEmail();
      const { response, log } = await withSettings({ ...settings, PUBLIC_URL: "http://rustenrichting.nl" }, email);
      expect(response.status).toBe(500);
      expect(response.headers.get("content-type")).toContain("text/html");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      const body = await response.text();
      expect(body).toContain("De site is niet goed ingesteld");
      expect(body).toContain("PUBLIC_URL: PUBLIC_URL must start with https://");
      expect(log).toContain('"settings":["PUBLIC_URL"]');
      expect(log).not.toContain("rustenrichting.nl");
      expect(await subscriberByEmail(email)).toBeUndefined();
    });

  for (const [name, settings] of [
    [
      "local use (MAIL_TRANSPORT=outbox), as npm run dev runs",
      { MAIL_TRANSPORT: "outbox", PUBLIC_URL: "http://localhost:8787" },
    ],
    ["this machine's own address", { ...production, MAIL_TRANSPORT: "resend", PUBLIC_URL: "http://127.0.0.1:8787" }],
  ] as const)
    it(`is fine for ${name}`, async () => {
      const email = uniqueEmail();
      const { response } = await withSettings(settings, email);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/ingeschreven");
      expect((await subscriberByEmail(email))?.status).toBe("pending");
    });
});
