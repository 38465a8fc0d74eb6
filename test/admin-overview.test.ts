import { Hono } from "hono";
import { NONCE, secureHeaders } from "hono/secure-headers";
import { describe, expect, it } from "vitest";
import { needsAttention, sendHealth } from "../worker/domain/health/send-health.ts";
import { type DashboardStats, dashboardStats } from "../worker/domain/overview/stats.ts";
import { type ThisWeek, thisWeek } from "../worker/domain/overview/this-week.ts";
import { dashboardBody } from "../worker/doors/author/dashboard-page.ts";
import { recentWeeks } from "../worker/mechanisms/lib/amsterdam-weeks.ts";
import { barRows } from "../worker/mechanisms/pages/charts.ts";
import { authorSession } from "./author-session.ts";
import { db, readerWhoAnswered, request, subscribeAndConfirm } from "./helpers.ts";

async function overview() {
  const response = await request("/beheer", { headers: { cookie: await authorSession() } });
  return { response, body: await response.text() };
}

/** The figure above `label` in the first screen's list of this week's figures. */
function glance(body: string, label: string): number {
  const match = new RegExp(`<li><strong>(\\d+)</strong>${label}</li>`).exec(body);
  if (!match) throw new Error(`no figure "${label}" on the first screen`);
  return Number(match[1]);
}

/** The overview's body for made-up figures, rendered as the door renders it. */
async function renderedWith(stats: DashboardStats, week: ThisWeek): Promise<string> {
  const app = new Hono();
  app.use(secureHeaders({ contentSecurityPolicy: { styleSrc: [NONCE] } }));
  app.get("/", async (c) =>
    c.html(await dashboardBody(c, stats, recentWeeks(Date.now(), 12), week, "Mail gaat via Resend.")),
  );
  return (await app.request("/")).text();
}

describe("the overview's first screen", () => {
  it("shows this week's active readers and answers before any chart, and counts a new reader and answer in them", async () => {
    const before = await overview();
    await subscribeAndConfirm();
    await readerWhoAnswered();
    const after = await overview();
    expect(after.response.status).toBe(200);
    const first = after.body.indexOf('<h2 id="deze-week">');
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(after.body.indexOf("<svg"));
    expect(glance(after.body, "actieve lezers")).toBe(glance(before.body, "actieve lezers") + 2);
    const answers = (body: string) => glance(body, "nieuwe? antwoord(?:en)?");
    expect(answers(after.body)).toBe(answers(before.body) + 1);
    for (const label of ["mails? verstuurd", "afmelding(?:en)?", "bounces en klachten \\(\\d+ klachte?n?\\)"])
      expect(glance(after.body, label)).toBeGreaterThanOrEqual(0);
  });

  it("says what the status page says needs her, or Alles loopt. when nothing does", async () => {
    const { body } = await overview();
    const now = Date.now();
    const attention = needsAttention(await sendHealth(db, "outbox", now), now);
    if (attention.length === 0) expect(body).toContain("<strong>Alles loopt.</strong>");
    else {
      expect(body).not.toContain("Alles loopt.");
      for (const sentence of attention) expect(body).toContain(sentence);
    }
  });

  it("names the missing mail key as needing her, and never says Alles loopt. then", async () => {
    const weeks = recentWeeks(Date.now(), 12);
    const week = await thisWeek(db, weeks.at(-1)!, "off", Date.now());
    expect(week.attention[0]).toContain("RESEND_API_KEY");
    const body = await renderedWith(await dashboardStats(db, weeks), week);
    expect(body).toContain("Dit heeft je aandacht nodig");
    expect(body).toContain("RESEND_API_KEY");
    expect(body).toContain('href="/beheer/status"');
    expect(body).not.toContain("Alles loopt.");
  });
});

describe("the overview's charts", () => {
  it("folds a series nobody began into one line, and names the lessons nobody has had yet", async () => {
    const weeks = recentWeeks(Date.now(), 12);
    const stats = await dashboardStats(db, weeks);
    const [first, second] = stats.progress;
    const folded: DashboardStats = {
      ...stats,
      progress: [
        { ...first!, started: 3, sentPerLesson: first!.sentPerLesson.map((_, i) => (i === 0 ? 3 : 0)) },
        { ...second!, started: 0, sentPerLesson: second!.sentPerLesson.map(() => 0), finished: 0 },
      ],
    };
    const body = await renderedWith(folded, { sent: 0, answers: 0, attention: [] });
    expect(body).toContain(`<h2>${first!.series.name}</h2>`);
    expect(body).not.toContain(`<h2>${second!.series.name}</h2>`);
    expect(body).toContain(`Nog niemand begonnen aan ${second!.series.name}`);
    const lessons = first!.series.lessons.length;
    expect(body).toContain(`Les 2 tot en met ${lessons} hebben nog niemand gekregen`);
    expect(body.match(/<figcaption><strong>Les \d+<\/strong>/g)).toHaveLength(1);
  });

  it("leaves room for a long label in a row chart, so none is cut off at the left", async () => {
    const label = "Begonnen aan deze reeks";
    const svg = String(await barRows({ rows: [{ label, value: 3 }], tone: 1, summary: "x" }));
    expect(svg).toContain(`>${label}</text>`);
    const x = Number(/<text class="label" x="([\d.]+)"[^>]*text-anchor="end"/.exec(svg)![1]);
    // 15px text in a wide sans-serif takes up to 9.5 units a character.
    expect(x).toBeGreaterThanOrEqual(label.length * 9.5);
  });
});

describe("the author's navigation and login", () => {
  it("keeps both ways to log out together at the end of the navigation", async () => {
    const { body } = await overview();
    const nav = body.slice(body.indexOf('<nav class="author-nav"'), body.indexOf("</nav>"));
    const session = nav.slice(nav.indexOf('<div class="session">'));
    expect(nav.indexOf("</ul>")).toBeLessThan(nav.indexOf('<div class="session">'));
    expect(session).toContain('action="/beheer/uitloggen"');
    expect(session).toContain('action="/beheer/overal-uitloggen"');
  });

  it("styles the login page's password box like the other form fields", async () => {
    const response = await request("/beheer/inloggen");
    const body = await response.text();
    expect(response.status).toBe(200);
    expect(body).toContain('type="password"');
    expect(body).toMatch(/input\[type=password\][^{]*\{[^}]*border:1px solid var\(--edge\)/);
  });
});
