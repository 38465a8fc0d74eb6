import { expect, inject, it } from "vitest";
import generated from "../../.generated/course.json" with { type: "json" };
import { waitForMail } from "./outbox.ts";
import { validateHtml } from "./vnu.ts";

const ADMIN_PASSWORD = inject("adminPassword");
const [lesson1] = generated.series[0]!.lessons;
/** The suite's dev server (global-setup.ts), shared with the other files. */
const server = inject("devServer");

/** A visitor with a cookie jar of one cookie (the author's session), fetching as a browser would. */
function visitor() {
  let cookie = "";
  return async (path: string, form?: Record<string, string>) => {
    const response = await fetch(`${server.url}${path}`, {
      redirect: "manual",
      ...(form ? { method: "POST", body: new URLSearchParams(form) } : {}),
      headers: { origin: server.url, ...(cookie ? { cookie } : {}) },
    });
    const set = response.headers.get("set-cookie");
    if (set) cookie = set.split(";")[0]!;
    return response;
  };
}

/** The paths of this site a page links to, without fragments. */
function linksIn(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*\shref="([^"]+)"/g)]
    .map(([, href]) => new URL(href!.replaceAll("&amp;", "&"), server.url))
    .filter((url) => url.origin === server.url)
    .map((url) => `${url.pathname}${url.search}`);
}

it("serves every page as HTML the Nu HTML Checker finds no error in", async () => {
  const get = visitor();
  const pages = new Map<string, string>();
  const perFamily = new Map<string, number>();
  /**
   * Every page reached from `start` by its links, breadth first, at most three of a family (the
   * author's lesson pages are one page each for every lesson); mails, exports and logging out
   * are no pages.
   */
  async function walk(start: string) {
    const queue = [start];
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      const family = /^\/beheer\/[^/]+\/[^/?]+/.test(path) ? path.replace(/\/[^/]*$/, "/*") : path;
      if (pages.has(`GET ${path}`) || (perFamily.get(family) ?? 0) >= 3) continue;
      if (/uitloggen|\/(mail|weergave)\b|\.json$|\.csv$/.test(path)) continue;
      const response = await get(path);
      const body = await response.text();
      if (!response.headers.get("content-type")?.startsWith("text/html") || !/^<!doctype html>/i.test(body)) continue;
      pages.set(`GET ${path}`, body);
      perFamily.set(family, (perFamily.get(family) ?? 0) + 1);
      queue.push(...linksIn(body));
    }
  }
  /** A form sent, and the page it ends on (after a redirect, the page it leads to). */
  async function post(name: string, path: string, form: Record<string, string>) {
    const response = await get(path, form);
    const location = response.headers.get("location");
    pages.set(name, await (location ? await get(new URL(location, server.url).pathname) : response).text());
  }

  const email = `geldig.${Date.now()}@voorbeeld.nl`;
  await walk("/");
  await walk("/privacy");
  await walk("/hulp");
  await walk("/nieuwsbrief");
  await walk("/bestaat/niet");
  await post("the form with a missing address", "/inschrijven", { email: "" });
  await get("/inschrijven", { email, voornaam: "Vera" });
  const confirmation = await waitForMail(server.url, email, (s) => s === "Bevestig je inschrijving");
  const confirm = /\/bevestig\/[^\s\]>)"]+/.exec(confirmation.text)![0];
  await walk(confirm);
  await post("confirmed", confirm, {});
  const lesson = await waitForMail(server.url, email, (s) => s === lesson1!.title);
  const answer = /\/reflectie\/[^\s\]>)"]+/.exec(lesson.text)![0];
  await walk(answer);
  await post("thank-you", answer, {});
  const preferences = /\/voorkeuren\/[^\s\]>)"/]+/.exec(lesson.text)![0];
  await walk(preferences);
  await post("the reader's data", preferences, { actie: "bekijken" });
  await walk(/\/afmelden\/[^\s\]>)"]+/.exec(lesson.text)![0]);
  await walk("/beheer");
  await get("/beheer/inloggen", { wachtwoord: ADMIN_PASSWORD });
  await walk("/beheer");

  for (const expected of [
    "GET /",
    "GET /privacy",
    "GET /beheer",
    "GET /beheer/lessen",
    `GET ${preferences}/reflecties`,
  ])
    expect([...pages.keys()]).toContain(expected);
  expect(await validateHtml(pages)).toEqual([]);
});
