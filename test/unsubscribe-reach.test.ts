import { describe, expect, it } from "vitest";
import { settledRows, type Tables } from "./db-snapshot.ts";
import { BASE, mailsTo, postForm, readerWhoAnswered } from "./helpers.ts";
import { crawl, type Visit } from "./page-crawl.ts";

const NOTE = "Sinds de scheiding slaap ik slecht.";

/**
 * A reader with everything the List-Unsubscribe URL must not open: an answer with her own
 * words, a rhythm of her own, and that URL, exactly as her mail's header carries it.
 */
async function readerWithItAll() {
  const { subscriber, preferences } = await readerWhoAnswered({ note: NOTE });
  await postForm(preferences, { actie: "ritme", dag: "4", uur: "19", tempo: "2", tijdzone: "Europe/Brussels" });
  const [lesson] = (await mailsTo(subscriber.email)).filter((mail) => mail.headers["List-Unsubscribe"]);
  const url = new URL(/^<([^>]+)>$/.exec(lesson!.headers["List-Unsubscribe"]!)![1]!);
  expect(url.origin).toBe(BASE);
  return { subscriber, unsubscribe: url.pathname };
}

/** The tables with the two changes the unsubscribe link may make for this reader masked: leaving, and pausing. */
function withoutLeavingOrPausing(tables: Tables, subscriberId: string): Tables {
  const mask = (table: string, columns: string[]) =>
    (tables[table] ?? [])
      .map((row) =>
        row.subscriber_id === subscriberId || row.id === subscriberId
          ? { ...row, ...Object.fromEntries(columns.map((c) => [c, "masked"])) }
          : row,
      )
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    ...tables,
    subscribers: mask("subscribers", ["status", "unsubscribed_at"]),
    enrollments: mask("enrollments", ["state", "paused_at"]),
  };
}

/** The status of the first POST the crawl made to `path`. */
const statusOf = (visits: Visit[], path: string) =>
  visits.find((visit) => visit.method === "POST" && visit.path === path)?.status;

describe("holding only the List-Unsubscribe URL", () => {
  it.each(["as-written", "last-first"] as const)(
    "every link and form reachable from its page (taken %s) can unsubscribe or pause, and shows, exports, erases or changes nothing else",
    async (order) => {
      const { subscriber, unsubscribe } = await readerWithItAll();
      const before = await settledRows();

      const visits = await crawl(unsubscribe, order);

      expect(visits[0]!.status).toBe(200);
      expect(visits[0]!.headers.get("cache-control")).toContain("no-store");
      expect(visits[0]!.body).toContain("Wil je je afmelden?");
      expect(visits.filter((visit) => visit.status >= 500)).toEqual([]);
      expect(statusOf(visits, unsubscribe)).toBe(200);
      // Taken as written, leaving comes first, and then there is nothing left to pause.
      expect(statusOf(visits, `${unsubscribe}/pauzeren`)).toBe(order === "as-written" ? 409 : 200);
      const elsewhere = visits.filter((visit) => /^\/(voorkeuren|reflectie|beheer|dev)\//.test(visit.path));
      expect(elsewhere.map((visit) => `${visit.method} ${visit.path}`)).toEqual([]);
      for (const visit of visits) {
        expect(visit.body, `${visit.method} ${visit.path}`).not.toContain(NOTE);
        expect(visit.body, `${visit.method} ${visit.path}`).not.toContain("Mijn reflecties");
        expect(visit.body, `${visit.method} ${visit.path}`).not.toContain(subscriber.email);
        expect(visit.headers.get("content-disposition"), `${visit.method} ${visit.path}`).toBeNull();
        expect(visit.headers.get("content-type"), `${visit.method} ${visit.path}`).not.toContain("json");
      }

      const after = await settledRows();
      expect(withoutLeavingOrPausing(after, subscriber.id)).toEqual(withoutLeavingOrPausing(before, subscriber.id));
      const mine = (table: string) =>
        after[table]!.find((row) => row.id === subscriber.id || row.subscriber_id === subscriber.id);
      expect(mine("subscribers")?.status).toBe("unsubscribed");
      expect(mine("enrollments")?.state).toBe("stopped");
    },
  );
});
