import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { app } from "../worker/doors/app.ts";
import { BASE, mailsTo, uniqueEmail } from "./helpers.ts";

/** The Worker as production would run it when nobody set RESEND_API_KEY (and no MAIL_TRANSPORT). */
const unconfigured = () => ({ ...env, MAIL_TRANSPORT: "", RESEND_API_KEY: "" }) as Env;

function fetchWith(settings: Env, path: string, init?: RequestInit) {
  const headers = new Headers(init?.headers);
  headers.set("cf-connecting-ip", `2001:db8:7:${Math.floor(Math.random() * 0xffff).toString(16)}::1`);
  headers.set("origin", BASE);
  return app.fetch(new Request(`${BASE}${path}`, { redirect: "manual", ...init, headers }), settings);
}

afterEach(() => vi.restoreAllMocks());

describe("the local outbox is never public", () => {
  it("is not served when RESEND_API_KEY is missing and MAIL_TRANSPORT is not outbox", async () => {
    for (const path of ["/dev/outbox.json", "/dev/outbox"]) {
      const response = await fetchWith(unconfigured(), path);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain("Deze pagina bestaat niet");
    }
  });

  it("is served when MAIL_TRANSPORT=outbox is set for local use", async () => {
    const response = await fetchWith({ ...env, MAIL_TRANSPORT: "outbox" } as Env, "/dev/outbox.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
  });

  it("refuses to send without a key or the outbox setting, keeps nothing and says so in the log", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const email = uniqueEmail("geenmail");
    const response = await fetchWith(unconfigured(), "/inschrijven", {
      method: "POST",
      body: new URLSearchParams({ email }),
    });
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("Er ging even iets mis");
    expect(await mailsTo(email)).toHaveLength(0);
    const logged = errors.mock.calls.map((call) => String(call[0])).join("\n");
    expect(logged).toContain("mail_refused");
    expect(logged).toContain("RESEND_API_KEY");
    expect(logged).not.toContain(email);
  });

  it("tells the author on /beheer that no mail goes out", async () => {
    const settings = unconfigured();
    const login = await fetchWith(settings, "/beheer/inloggen", {
      method: "POST",
      body: new URLSearchParams({ wachtwoord: "test-admin-password-long-enough" }),
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const dashboard = await fetchWith(settings, "/beheer", { headers: { cookie } });
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain("Er gaat nu geen mail de deur uit: RESEND_API_KEY ontbreekt.");
    const configured = await fetchWith({ ...env, MAIL_TRANSPORT: "outbox" } as Env, "/beheer", { headers: { cookie } });
    expect(await configured.text()).toContain("Mail gaat naar de lokale outbox");
  });
});
