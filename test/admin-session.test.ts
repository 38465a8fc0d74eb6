import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { serializeSigned } from "hono/utils/cookie";
import { describe, expect, it } from "vitest";
import { app } from "../worker/doors/app.ts";
import { adminSessions } from "../worker/mechanisms/db/schema.ts";
import { config } from "../worker/mechanisms/lib/config.ts";
import { hashToken } from "../worker/mechanisms/lib/tokens.ts";
import { BASE, db, postForm, request } from "./helpers.ts";

const PASSWORD = "test-admin-password-long-enough";
let ipCounter = 0;

/** Logs in from an address of its own and returns the session cookie as a browser would send it back. */
async function login(): Promise<string> {
  const response = await postForm(
    "/beheer/inloggen",
    { wachtwoord: PASSWORD },
    {
      "cf-connecting-ip": `198.51.100.${200 + (ipCounter++ % 50)}`,
    },
  );
  expect(response.status).toBe(303);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

const dashboard = (cookie: string, workerEnv: Env = env) =>
  app.fetch(new Request(`${BASE}/beheer`, { headers: { cookie }, redirect: "manual" }), workerEnv);

/** The session token inside a cookie (`beheer=<token>.<signature>`, URL-encoded). */
const tokenOf = (cookie: string) => decodeURIComponent(cookie.slice("beheer=".length)).split(".")[0]!;

async function sessionRow(cookie: string) {
  return db
    .select()
    .from(adminSessions)
    .where(eq(adminSessions.tokenHash, await hashToken(tokenOf(cookie))))
    .get();
}

describe("the author's session", () => {
  it("ends on the server at logout: a copied cookie opens nothing afterwards", async () => {
    const cookie = await login();
    const copy = cookie;
    expect((await dashboard(cookie)).status).toBe(200);
    expect(await sessionRow(cookie)).toBeDefined();

    const logout = await request("/beheer/uitloggen", { method: "POST", headers: { cookie } });
    expect(logout.status).toBe(303);
    expect(logout.headers.get("set-cookie")).toMatch(/^beheer=;/);
    expect(await sessionRow(cookie)).toBeUndefined();
    const replayed = await dashboard(copy);
    expect(replayed.status).toBe(303);
    expect(replayed.headers.get("location")).toBe("/beheer/inloggen");
  });

  it("ends every session at once with 'log out everywhere'", async () => {
    const [laptop, phone] = [await login(), await login()];
    const everywhere = await request("/beheer/overal-uitloggen", { method: "POST", headers: { cookie: laptop } });
    expect(everywhere.status).toBe(303);
    for (const cookie of [laptop, phone]) {
      expect((await dashboard(cookie)).status).toBe(303);
      expect(await sessionRow(cookie)).toBeUndefined();
    }
  });

  it("lets nobody else log the author out everywhere: no session, or a form from another site", async () => {
    const cookie = await login();
    const anonymous = await request("/beheer/overal-uitloggen", { method: "POST" });
    expect(anonymous.headers.get("location")).toBe("/beheer/inloggen");
    const crossSite = await request("/beheer/overal-uitloggen", {
      method: "POST",
      headers: { cookie, origin: "https://elders.example" },
    });
    expect(crossSite.status).toBe(403);
    expect((await dashboard(cookie)).status).toBe(200);
  });

  it("refuses an expired session", async () => {
    const cookie = await login();
    await db
      .update(adminSessions)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(adminSessions.tokenHash, await hashToken(tokenOf(cookie))));
    expect((await dashboard(cookie)).status).toBe(303);
  });

  it("is signed with SESSION_SECRET, not TOKEN_SECRET: rotating the readers' key leaves it, changing its own ends it", async () => {
    const cookie = await login();
    expect(
      (await dashboard(cookie, { ...env, TOKEN_SECRET: "another-token-secret-long-enough-0123456789" })).status,
    ).toBe(200);
    expect(
      (await dashboard(cookie, { ...env, SESSION_SECRET: "another-session-secret-long-enough-012345" })).status,
    ).toBe(303);
    // The same open session's token, signed with the readers' key, opens nothing.
    const withTokenSecret = (await serializeSigned("beheer", tokenOf(cookie), env.TOKEN_SECRET)).split(";")[0]!;
    expect((await dashboard(withTokenSecret)).status).toBe(303);
  });

  it("needs a SESSION_SECRET of its own, and says so by name", () => {
    expect(() => config({ ...env, SESSION_SECRET: "" })).toThrow(/SESSION_SECRET is not set|SESSION_SECRET must be/);
    expect(() => config({ ...env, SESSION_SECRET: "short" })).toThrow(/SESSION_SECRET must be at least 32 characters/);
    expect(() => config({ ...env, SESSION_SECRET: env.TOKEN_SECRET })).toThrow(/SESSION_SECRET must differ/);
    expect(() => config({ ...env, TOKEN_SECRET_PREVIOUS: "kort" })).toThrow(/TOKEN_SECRET_PREVIOUS/);
  });
});
