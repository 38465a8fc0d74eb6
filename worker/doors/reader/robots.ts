import { Hono } from "hono/tiny";

/**
 * Paths that hold a reader's token, a reader's own page or the author's: search engines stay
 * out (and each of these pages says `noindex` besides). The signup page, the public archive,
 * the privacy statement and the help page are for anyone to find.
 */
export const UNLISTED_PATHS = [
  "/bevestig/",
  "/reflectie/",
  "/afmelden/",
  "/voorkeuren/",
  "/inschrijven",
  "/ingeschreven",
  "/beheer",
  "/webhooks/",
  "/dev/",
];

export const robotsRoutes = new Hono<{ Bindings: Env }>();

robotsRoutes.get("/robots.txt", (c) =>
  c.text(["User-agent: *", "Allow: /", ...UNLISTED_PATHS.map((path) => `Disallow: ${path}`), ""].join("\n")),
);
