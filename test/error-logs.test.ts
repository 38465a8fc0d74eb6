import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { app } from "../worker/doors/app.ts";
import { BASE } from "./helpers.ts";

afterEach(() => vi.restoreAllMocks());

/** A D1 whose every query fails the way drizzle reports it: with the SQL and its parameters in the message. */
function failingDb(): D1Database {
  const fail = () => {
    throw new Error(
      'Failed query: insert into "answers" values (?, ?) params: lezer@voorbeeld.nl,moe-of-leeg,Ik kan niet meer',
      { cause: new Error("D1_ERROR: UNIQUE constraint failed: subscribers.email: SQLITE_CONSTRAINT") },
    );
  };
  return { prepare: fail, batch: fail, exec: fail, dump: fail, withSession: fail } as unknown as D1Database;
}

describe("the error log", () => {
  it("names the error and its code, never the query's parameters", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await app.fetch(
      new Request(`${BASE}/inschrijven`, {
        method: "POST",
        body: new URLSearchParams({ email: "lezer@voorbeeld.nl" }),
        headers: { "cf-connecting-ip": "2001:db8:8::1" },
      }),
      { ...env, DB: failingDb() } as Env,
    );
    expect(response.status).toBe(500);
    const lines = logged.mock.calls.map((call) => call.map(String).join(" ")).join("\n");
    expect(lines).toContain("unhandled_error");
    expect(lines).toContain("SQLITE_CONSTRAINT");
    expect(lines).not.toContain("lezer@voorbeeld.nl");
    expect(lines).not.toContain("Ik kan niet meer");
    expect(lines).not.toContain("params");
  });
});
