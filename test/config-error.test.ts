import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { app } from "../worker/doors/app.ts";
import { BASE } from "./helpers.ts";

afterEach(() => vi.restoreAllMocks());

async function withSettings(settings: Partial<Record<keyof Env, string>>) {
  const logged = vi.spyOn(console, "error").mockImplementation(() => {});
  const response = await app.fetch(
    new Request(`${BASE}/inschrijven`, {
      method: "POST",
      body: new URLSearchParams({ email: "lezer@voorbeeld.nl" }),
      headers: { "cf-connecting-ip": "2001:db8:c::1", origin: BASE },
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
});
