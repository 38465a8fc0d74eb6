import { describe, expect, it } from "vitest";
import { app } from "../worker/doors/app.ts";
import { postForm, request, subscribeAndConfirm } from "./helpers.ts";

/** A concrete path for a route pattern: each parameter gets a plain value, or the first its pattern allows. */
function concrete(path: string): string {
  return path.replace(/:\w+(\{([^}|]+)[^}]*\})?\??/g, (_, _pattern, first: string | undefined) => first ?? "x");
}

/** Every page and action the app registers under /beheer, read from Hono's own route list. */
const authorRoutes = app.routes
  .filter((route) => route.path === "/beheer" || route.path.startsWith("/beheer/"))
  .filter((route) => route.method === "GET" || route.method === "POST")
  .map((route) => ({ method: route.method, path: concrete(route.path) }));

describe("the one door to /beheer", () => {
  it("finds the author's pages in the app's route list", () => {
    expect(authorRoutes.length).toBeGreaterThan(20);
    expect(authorRoutes).toContainEqual({ method: "GET", path: "/beheer/lezers/x" });
  });

  it("sends an anonymous visitor of every author route to the login page, and shows her no data", async () => {
    const { email } = await subscribeAndConfirm("Geheim");
    for (const { method, path } of authorRoutes) {
      const response =
        method === "GET" ? await request(path) : await postForm(path, { email, wachtwoord: "", id: "x" });
      const body = await response.text();
      expect(body, `${method} ${path}`).not.toContain(email);
      expect(body, `${method} ${path}`).not.toContain("Geheim");
      if (path === "/beheer/inloggen") {
        expect([200, 401], `${method} ${path}`).toContain(response.status);
        expect(body, `${method} ${path}`).toContain('name="wachtwoord"');
        continue;
      }
      expect(
        response.status === 401 || (response.status === 303 && response.headers.get("location") === "/beheer/inloggen"),
        `${method} ${path} answered ${response.status} ${response.headers.get("location") ?? ""}`,
      ).toBe(true);
    }
  });
});
