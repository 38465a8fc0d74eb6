import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { dashboardStats } from "../worker/domain/overview/stats.ts";
import { suppress } from "../worker/domain/readers/suppression.ts";
import { subscribers, suppressions } from "../worker/mechanisms/db/schema.ts";
import { amsterdamTime } from "../worker/mechanisms/lib/amsterdam-time.ts";
import { recentWeeks } from "../worker/mechanisms/lib/amsterdam-weeks.ts";
import { randomId } from "../worker/mechanisms/lib/tokens.ts";
import { authorSession } from "./author-session.ts";
import { db, readerWhoAnswered, request, subscribeAndConfirm, uniqueEmail } from "./helpers.ts";

const MINUTE = 60_000;

async function dashboard() {
  const response = await request("/beheer", { headers: { cookie: await authorSession() } });
  return { response, body: await response.text() };
}

/** The figure in the row named `row` of the table with caption `caption`, in column `column` (1 = first figure). */
function figure(body: string, caption: string, row: string | RegExp, column = 1): number {
  const table = body.slice(body.indexOf(`<caption>${caption}</caption>`));
  const rowName = typeof row === "string" ? row.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : row.source;
  const match = new RegExp(`<th scope="row">${rowName}</th>((?:<td>[^<]*</td>)+)`).exec(table);
  if (!match) throw new Error(`no row ${row} under ${caption}`);
  const cells = [...match[1]!.matchAll(/<td>([^<]*)<\/td>/g)].map((cell) => cell[1]!);
  return Number(cells[column - 1]);
}

/** A reader row written straight into D1, at the moments a test needs. */
async function readerAt(values: Partial<typeof subscribers.$inferInsert>) {
  await db.insert(subscribers).values({
    id: randomId(),
    email: uniqueEmail("week"),
    status: "active",
    unsubscribeTokenHash: randomId(),
    preferencesTokenHash: randomId(),
    ...values,
  });
}

describe("the author's dashboard", () => {
  it("shows her course in SVG charts, each with its figures as text, under the strict CSP", async () => {
    await readerWhoAnswered();
    const { response, body } = await dashboard();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toMatch(/style-src 'nonce-[^']+'/);
    expect(csp).not.toContain("unsafe-inline");
    // No style attribute anywhere (the CSP would drop it), and no script.
    expect(body).not.toMatch(/\sstyle=/);
    expect(body).not.toContain("<script");
    const charts = body.match(/<svg class="chart[^"]*" viewBox="[^"]+" role="img" aria-label="[^"]+"/g) ?? [];
    const figures = body.match(/<figure>/g) ?? [];
    expect(charts.length).toBeGreaterThanOrEqual(5);
    expect(figures.length).toBeGreaterThanOrEqual(charts.length - 1);
    for (const figureHtml of body.split("<figure>").slice(1)) {
      const inner = figureHtml.slice(0, figureHtml.indexOf("</figure>"));
      expect(inner).toContain("<figcaption>");
      expect(inner).toContain("<table>");
    }
    for (const heading of ["Lezers", "Afmeldingen, bounces en klachten", "Woorden die lezers met je delen"])
      expect(body).toContain(`<h2>${heading}</h2>`);
    expect(body).toContain('href="/beheer/antwoorden.csv"');
    expect(body).toContain('action="/beheer/onderdrukking-opheffen"');
  });

  it("links every author page from one navigation, marks this one and offers to log out", async () => {
    const { body } = await dashboard();
    const nav = body.slice(body.indexOf('<nav class="author-nav"'), body.indexOf("</nav>"));
    for (const path of [
      "/beheer/nieuwsbrief",
      "/beheer/lessen",
      "/beheer/lezers",
      "/beheer/import-export",
      "/beheer/status",
    ])
      expect(nav).toContain(`href="${path}"`);
    expect(nav).toContain('<a href="/beheer" aria-current="page">Overzicht</a>');
    expect(nav).toContain('action="/beheer/uitloggen"');
  });

  it("counts a reader through the funnel and the lesson they answered, and shows no address", async () => {
    // A series shows its charts once a reader has begun it.
    await subscribeAndConfirm();
    const before = await dashboard();
    const { email } = await readerWhoAnswered({ note: "alleen voor mij", share: false });
    const after = await dashboard();
    expect(after.body).toContain("<h2>De eerste reeks</h2>");
    for (const heading of ["Van inschrijving tot de laatste les", "Per les", "Hoe de antwoorden verdeeld zijn"])
      expect(after.body).toContain(`<h3>${heading}</h3>`);
    const funnel = "Van inschrijving tot de laatste les";
    for (const step of ["Ingeschreven", "Bevestigd", "Les 1 gekregen"])
      expect(figure(after.body, funnel, step)).toBe(figure(before.body, funnel, step) + 1);
    expect(figure(after.body, funnel, "Les 2 gekregen")).toBe(figure(before.body, funnel, "Les 2 gekregen"));

    const lessons = "Verstuurd en beantwoord per les";
    const lesson1 = /1\. [^<]+/;
    expect(figure(after.body, lessons, lesson1, 1)).toBe(figure(before.body, lessons, lesson1, 1) + 1);
    expect(figure(after.body, lessons, lesson1, 2)).toBe(figure(before.body, lessons, lesson1, 2) + 1);

    expect(after.body).not.toContain(email);
    expect(after.body).not.toContain("@voorbeeld.nl");
    expect(after.body).not.toContain("alleen voor mij");
  });

  it("counts this week's unsubscribes, hard bounces and complaints in this week's row", async () => {
    const caption = "Afmeldingen, bounces en klachten per week";
    const before = await dashboard();
    const thisWeek = /week \d+ van \d+ \(vanaf [^)]+\)/;
    const rowsOf = (body: string) => body.slice(body.indexOf(`<caption>${caption}</caption>`)).split("</tbody>")[0]!;
    const lastRow = (body: string) =>
      [...rowsOf(body).matchAll(new RegExp(`<th scope="row">(${thisWeek.source})</th>`, "g"))].at(-1)![1]!;
    const week = lastRow(before.body);

    const bounced = await subscribeAndConfirm();
    const complained = await subscribeAndConfirm();
    await suppress(db, env.TOKEN_SECRET, [bounced.email], "bounce", Date.now());
    await suppress(db, env.TOKEN_SECRET, [complained.email], "complaint", Date.now());
    const after = await dashboard();
    expect(lastRow(after.body)).toBe(week);
    expect(figure(after.body, caption, week, 2)).toBe(figure(before.body, caption, week, 2) + 1);
    expect(figure(after.body, caption, week, 3)).toBe(figure(before.body, caption, week, 3) + 1);
    // Suppressed readers left, but not of their own choice.
    expect(figure(after.body, caption, week, 1)).toBe(figure(before.body, caption, week, 1));
  });
});

describe("dashboardStats", () => {
  // Weeks long past, so readers other tests make now fall after them and count in none.
  const weeks = recentWeeks(Date.parse("2020-02-05T12:00:00Z"), 6);
  const [w1, w2, w3] = weeks.map((week) => week.week);

  it("buckets by Amsterdam week: Monday 00:30 in Amsterdam is the new week, though UTC still says Sunday", async () => {
    expect([w1, w2, w3]).toEqual([1, 2, 3]);
    const mondayWeek3 = amsterdamTime(2020, 1, 13, 0);
    await readerAt({ confirmedAt: mondayWeek3 + 30 * MINUTE });
    await readerAt({ confirmedAt: mondayWeek3 - 30 * MINUTE });
    await readerAt({
      confirmedAt: mondayWeek3 - 40 * MINUTE,
      unsubscribedAt: mondayWeek3 + MINUTE,
      status: "unsubscribed",
    });
    await readerAt({ confirmedAt: amsterdamTime(2019, 12, 1, 9) });
    await readerAt({ status: "pending" });
    await db
      .insert(suppressions)
      .values({ emailHash: randomId(), reason: "bounce", createdAt: mondayWeek3 + 5 * MINUTE });

    const stats = await dashboardStats(db, weeks);
    // weeks[0] is week 1 of 2020 (30 December 2019 – 5 January 2020).
    expect(stats.readers.confirmedPerWeek).toEqual([0, 2, 1, 0, 0, 0]);
    expect(stats.readers.unsubscribedPerWeek).toEqual([0, 0, 1, 0, 0, 0]);
    expect(stats.bouncesPerWeek).toEqual([0, 0, 1, 0, 0, 0]);
    // The reader from December counts from the start; the one who left did so in week 3.
    expect(stats.readers.activeAtWeekEnd).toEqual([1, 3, 3, 3, 3, 3]);
  });

  it("asks D1 for groups, not rows: one query per figure, whatever the number of readers", async () => {
    const statements: string[] = [];
    const original = env.DB.prepare.bind(env.DB);
    const spy = new Proxy(env.DB, {
      get: (target, key) =>
        key === "prepare"
          ? (query: string) => {
              statements.push(query);
              return original(query);
            }
          : Reflect.get(target, key),
    });
    const { database } = await import("../worker/mechanisms/db/client.ts");
    await dashboardStats(database({ ...env, DB: spy }), weeks);
    const scans = statements.filter((query) => /from "(subscribers|enrollments|suppressions)"/.test(query));
    expect(scans).toHaveLength(3);
    for (const query of scans) expect(query).toMatch(/group by/i);
  });
});
