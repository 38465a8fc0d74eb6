import type { Context } from "hono";
import { html } from "hono/html";
import { Hono } from "hono/tiny";
import { answersCsv } from "../../domain/overview/answers-csv.ts";
import { dashboardStats } from "../../domain/overview/stats.ts";
import { thisWeek } from "../../domain/overview/this-week.ts";
import { database } from "../../mechanisms/db/client.ts";
import { recentWeeks } from "../../mechanisms/lib/amsterdam-weeks.ts";
import { config } from "../../mechanisms/lib/config.ts";
import { mailMode } from "../../mechanisms/mail/index.ts";
import { page } from "../../mechanisms/pages/layout.ts";
import { readForm } from "../../mechanisms/pages/read-form.ts";
import {
  endAllSessions,
  endSession,
  isAuthor,
  passwordLoginClosed,
  passwordMatches,
  requireAuthor,
  startSession,
} from "./auth.ts";
import { dashboardBody } from "./dashboard-page.ts";
import { importExportRoutes } from "./import-export.ts";
import { lessonRoutes } from "./lessons.ts";
import { newsletterAuthorRoutes } from "./newsletter.ts";
import { readerRoutes } from "./readers.ts";
import { sameOriginOnly } from "./same-origin.ts";
import { statusRoutes } from "./status.ts";
import { suppressionRoutes } from "./suppression.ts";

/**
 * The author's one door, `/beheer`: same-origin checks for every request, the login routes,
 * then one guard in front of everything else, so a page added later is behind it by being here.
 */
export const authorDoor = new Hono<{ Bindings: Env }>();

/** How many Amsterdam weeks the dashboard's charts go back, this week included. */
const WEEKS_SHOWN = 12;

const mailHealth = {
  resend: "Mail gaat via Resend.",
  outbox: "Mail gaat naar de lokale outbox (MAIL_TRANSPORT=outbox): alleen voor gebruik op je eigen computer.",
  off: "Er gaat nu geen mail de deur uit: RESEND_API_KEY ontbreekt.",
} as const;

authorDoor.use("*", sameOriginOnly);

function loginPage(c: Context, message?: string, status: 200 | 401 | 429 = 200) {
  return page(c, {
    title: "Beheer",
    status,
    body: html`<h1>Beheer</h1>
      ${message ? html`<p class="error" role="alert">${message}</p>` : ""}
      <form method="post" action="/beheer/inloggen">
        <label for="wachtwoord">Wachtwoord</label>
        <input id="wachtwoord" name="wachtwoord" type="password" autocomplete="current-password" required />
        <button type="submit">Inloggen</button>
      </form>`,
  });
}

authorDoor.get("/inloggen", async (c) =>
  (await isAuthor(c, Date.now())) ? c.redirect("/beheer", 303) : loginPage(c, passwordLoginClosed(c.env) ?? undefined),
);

authorDoor.post("/inloggen", async (c) => {
  const ip = c.req.header("cf-connecting-ip") ?? "unknown";
  if (!(await c.env.ADMIN_LOGIN.limit({ key: ip })).success)
    return loginPage(c, "Te veel pogingen. Wacht een minuut en probeer het dan opnieuw.", 429);
  const closed = passwordLoginClosed(c.env);
  if (closed) return loginPage(c, closed, 401);
  const form = await readForm(c.req.raw);
  if (!(await passwordMatches(c.env, form?.wachtwoord ?? ""))) return loginPage(c, "Dat wachtwoord klopt niet.", 401);
  await startSession(c, Date.now());
  return c.redirect("/beheer", 303);
});

authorDoor.post("/uitloggen", async (c) => {
  await endSession(c);
  return c.redirect("/beheer/inloggen", 303);
});

authorDoor.use("*", requireAuthor);

authorDoor.post("/overal-uitloggen", async (c) => {
  await endAllSessions(c);
  return c.redirect("/beheer/inloggen", 303);
});

authorDoor.route("/", suppressionRoutes);
authorDoor.route("/nieuwsbrief", newsletterAuthorRoutes);
authorDoor.route("/lessen", lessonRoutes);
authorDoor.route("/status", statusRoutes);
authorDoor.route("/lezers", readerRoutes);
authorDoor.route("/import-export", importExportRoutes);

authorDoor.get("/", async (c) => {
  const now = Date.now();
  const weeks = recentWeeks(now, WEEKS_SHOWN);
  const db = database(c.env);
  const mode = mailMode(config(c.env));
  const [stats, week] = await Promise.all([dashboardStats(db, weeks), thisWeek(db, weeks.at(-1)!, mode, now)]);
  return page(c, {
    title: "Overzicht – Beheer",
    body: dashboardBody(c, stats, weeks, week, mailHealth[mode]),
  });
});

authorDoor.get("/antwoorden.csv", async (c) => {
  c.header("Content-Disposition", 'attachment; filename="antwoorden.csv"');
  c.header("Cache-Control", "no-store");
  return c.body(await answersCsv(database(c.env)), 200, { "Content-Type": "text/csv; charset=utf-8" });
});
