import { env } from "cloudflare:workers";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultSeries } from "../worker/domain/course/course.ts";
import { importReaders } from "../worker/domain/readers/import.ts";
import { MAX_IMPORT_ROWS, readList } from "../worker/domain/readers/reader-list.ts";
import { suppress } from "../worker/domain/readers/suppression.ts";
import { consents, sendBatches, subscribers } from "../worker/mechanisms/db/schema.ts";
import { parseCsv } from "../worker/mechanisms/lib/csv.ts";
import type { DeliveryMessage } from "../worker/mechanisms/sending/queue.ts";
import { authorSession } from "./author-session.ts";
import {
  db,
  enrollmentOf,
  lessonsReceived,
  linkIn,
  mailsTo,
  readerWithLesson,
  request,
  runCron,
  subscriberByEmail,
  uniqueEmail,
  waitForMails,
} from "./helpers.ts";

/** The fixture course's first series, where every reader starts. */
const course = defaultSeries.lessons;

/** Posts the import form as the browser does (multipart), with a pasted list or a file. */
async function importList(fields: { toestemming?: string; lijst?: string; bestand?: Blob }) {
  const body = new FormData();
  if (fields.toestemming) body.set("toestemming", fields.toestemming);
  body.set("lijst", fields.lijst ?? "");
  if (fields.bestand) body.set("bestand", new File([fields.bestand], "lijst.csv", { type: "text/csv" }));
  return request("/beheer/import-export/import", { method: "POST", body, headers: { cookie: await authorSession() } });
}

const consentOf = async (email: string) => {
  const reader = (await subscriberByEmail(email))!;
  return db.select().from(consents).where(eq(consents.subscriberId, reader.id)).all();
};

describe("import and export", () => {
  it("are only for the author", async () => {
    for (const path of ["/beheer/import-export", "/beheer/import-export/lezers.csv"]) {
      const response = await request(path);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/beheer/inloggen");
    }
    const forged = await request("/beheer/import-export/import", {
      method: "POST",
      body: new URLSearchParams({ toestemming: "import-persoonlijk", lijst: uniqueEmail() }),
    });
    expect(forged.status).toBe(303);
  });

  it("says its limits and the consent choices on the page", async () => {
    const body = await (await request("/beheer/import-export", { headers: { cookie: await authorSession() } })).text();
    expect(body).toContain("Tot 2.000 regels");
    expect(body).toContain("512 kB per keer");
    expect(body).toContain('name="toestemming" value="import-bevestigd-elders" required');
  });
});

describe("exporting readers", () => {
  it("gives active readers as a CSV for Excel: BOM, semicolons, formulas defused, no pending readers", async () => {
    const { email } = await readerWithLesson("=1+1");
    const pending = uniqueEmail("nog-niet");
    await importList({ toestemming: "import-persoonlijk", lijst: pending });
    const response = await request("/beheer/import-export/lezers.csv", { headers: { cookie: await authorSession() } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="lezers.csv"');
    expect(response.headers.get("cache-control")).toBe("no-store");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("e-mailadres;voornaam;status;ingeschreven;lessen gehad;nieuwsbrief");
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(Date.now());
    expect(lines).toContain(`"${email}";"'=1+1";"ingeschreven, lessen loopt";"${today}";1;ja`);
    expect(text).not.toContain(pending);
  });
});

describe("importing a list", () => {
  it("imports the good rows, lists bad, duplicate, known and suppressed ones by line, and mails a confirmation", async () => {
    const [anna, jan, bekend, geblokkeerd] = [uniqueEmail("anna"), uniqueEmail("jan"), uniqueEmail(), uniqueEmail()];
    const known = await readerWithLesson();
    await suppress(db, env.TOKEN_SECRET, [geblokkeerd], "bounce", Date.now());
    const list = [
      "e-mailadres;voornaam",
      `${anna};Anna`,
      "geen-adres;Bob",
      `${anna.toUpperCase()};Anna weer`,
      `${known.email.toUpperCase()};`,
      `${geblokkeerd};`,
      `"${jan}";"Jan ""JJ"" de Vries"`,
      `${bekend};http://kwaad.example`,
    ].join("\r\n");
    const response = await importList({ toestemming: "import-persoonlijk", lijst: list });
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain(
      "2 lezers toegevoegd</strong>: 2 krijgen een mail om te bevestigen, 0 zijn meteen ingeschreven.",
    );
    expect(body).toContain("5 regels zijn niet toegevoegd");
    for (const [line, reason] of [
      [3, "Dit e-mailadres lijkt niet te kloppen. Kijk het na in je lijst."],
      [4, "Dit adres staat al eerder in het bestand (regel 2)."],
      [5, "Dit adres is al ingeschreven."],
      [6, "Dit adres krijgt geen mail meer na een bounce of klacht."],
      [8, "De voornaam bevat een link of e-mailadres; die kan niet in een mail."],
    ] as const)
      expect(body).toMatch(new RegExp(`<tr><td>${line}</td><td>${reason.replace(/[.()]/g, "\\$&")}`));
    expect(body).not.toContain(anna);

    for (const email of [anna, jan]) {
      const reader = (await subscriberByEmail(email))!;
      expect(reader.status).toBe("pending");
      expect(await consentOf(email)).toEqual([expect.objectContaining({ source: "import-persoonlijk", ipHash: null })]);
      const [mail] = await mailsTo(email);
      expect(mail!.subject).toBe("Bevestig je inschrijving");
    }
    expect((await subscriberByEmail(jan))!.firstName).toBe('Jan "JJ" de Vries');
    expect(await subscriberByEmail(bekend)).toBeUndefined();
    expect(await subscriberByEmail(geblokkeerd)).toBeUndefined();
    expect(await db.select().from(subscribers).where(eq(subscribers.email, anna.toUpperCase())).all()).toEqual([]);
    expect(await mailsTo(known.email)).toHaveLength(3);

    const [mail] = await mailsTo(anna);
    expect((await request(linkIn(mail!.text, "/bevestig/"), { method: "POST" })).status).toBe(200);
    expect((await subscriberByEmail(anna))!.status).toBe("active");
  });

  it("enrolls readers who opted in elsewhere at once: a welcome, no confirmation, the first lesson with the next run", async () => {
    const [mies, noor] = [uniqueEmail("mies"), uniqueEmail("noor")];
    const file = new Blob([`\uFEFFnaam,email\r\nMies,${mies}\r\n,${noor}\r\n`]);
    const response = await importList({ toestemming: "import-bevestigd-elders", bestand: file });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(
      "2 lezers toegevoegd</strong>: 0 krijgen een mail om te bevestigen, 2 zijn meteen ingeschreven.",
    );
    const reader = (await subscriberByEmail(mies))!;
    expect(reader).toMatchObject({ status: "active", firstName: "Mies", confirmTokenHash: null });
    expect(reader.confirmedAt).toBeGreaterThan(0);
    expect((await subscriberByEmail(noor))!.firstName).toBeNull();
    expect(await enrollmentOf(reader.id)).toMatchObject({ state: "active", received: "[]" });
    expect(await consentOf(mies)).toEqual([expect.objectContaining({ source: "import-bevestigd-elders" })]);
    expect((await mailsTo(mies)).map((mail) => mail.subject)).toEqual(["Welkom bij Rust en richting"]);

    await runCron(Date.now() + 1000);
    const [lesson, welcome] = await waitForMails(mies, 2);
    expect(welcome!.subject).toBe("Welkom bij Rust en richting");
    expect(lesson!.subject).toBe(course[0]!.title);
    expect(await lessonsReceived(reader.id)).toEqual([course[0]!.slug]);
  });

  it.each([
    ["import-persoonlijk", "pending"],
    ["import-bevestigd-elders", "active"],
  ] as const)(
    "imports a full list of 2,000 rows (%s) in batches within D1's limits, one send batch per 100 readers",
    async (source, status) => {
      const prefix = `vol.${Date.now().toString(36)}.${source}`;
      const candidates = Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => ({
        line: i + 1,
        email: `${prefix}.${i}@voorbeeld.nl`,
        firstName: i % 2 ? `Lezer ${i}` : null,
      }));
      const enqueued: DeliveryMessage[] = [];
      // The queue is left out: 2,000 rendered mails would only slow the test down; what was claimed is checked instead.
      const queue = {
        sendBatch: async (messages: { body: DeliveryMessage }[]) => void enqueued.push(...messages.map((m) => m.body)),
      };
      const report = await importReaders(
        { ...env, DELIVERIES: queue as unknown as Queue },
        { candidates, problems: [] },
        source,
        Date.now(),
      );
      expect(report).toEqual({
        imported: MAX_IMPORT_ROWS,
        mailed: status === "pending" ? MAX_IMPORT_ROWS : 0,
        problems: [],
      });
      const imported = sql`${subscribers.email} like ${`${prefix}.%`}`;
      const rows = await db.select({ status: subscribers.status }).from(subscribers).where(imported).all();
      expect(rows).toHaveLength(MAX_IMPORT_ROWS);
      expect(rows.every((row) => row.status === status)).toBe(true);
      const [consented] = await db
        .select({ n: count() })
        .from(consents)
        .innerJoin(subscribers, eq(subscribers.id, consents.subscriberId))
        .where(and(imported, eq(consents.source, source)));
      expect(consented!.n).toBe(MAX_IMPORT_ROWS);
      const batches = new Set(enqueued.map((message) => message.batchKey));
      expect(enqueued).toHaveLength(MAX_IMPORT_ROWS);
      expect(batches.size).toBe(MAX_IMPORT_ROWS / 100);
      // Nobody will send these: close the batches so no later send run picks them up.
      await db
        .update(sendBatches)
        .set({ completedAt: Date.now() })
        .where(inArray(sendBatches.key, [...batches]));
    },
  );

  it("reads on past a stray quote: that line is listed with its reason, every other line is imported", async () => {
    const [anna, bob, cees, dirk, eva] = [
      uniqueEmail("anna"),
      uniqueEmail("bob"),
      uniqueEmail(),
      uniqueEmail(),
      uniqueEmail(),
    ];
    const list = [
      "e-mailadres;voornaam",
      `${anna};Anna`,
      `${bob};"Bob`,
      `${cees};Cees`,
      `"${dirk}";"Dirk"`,
      `${eva};Eva "Eef" de Wit`,
    ].join("\n");
    const response = await importList({ toestemming: "import-persoonlijk", lijst: list });
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain("4 lezers toegevoegd</strong>: 4 krijgen een mail om te bevestigen");
    expect(body).toContain("1 regel is niet toegevoegd");
    expect(body).toContain(
      "<tr><td>3</td><td>Deze regel kon niet gelezen worden: er staat een aanhalingsteken (&quot;) dat niet goed gesloten wordt.",
    );
    for (const email of [anna, cees, dirk, eva]) expect((await subscriberByEmail(email))!.status).toBe("pending");
    expect((await subscriberByEmail(eva))!.firstName).toBe('Eva "Eef" de Wit');
    expect(await subscriberByEmail(bob)).toBeUndefined();
    expect(await mailsTo(bob)).toEqual([]);
  });

  it("lists every line a quote run across, each with its reason, and adds none of them", async () => {
    const [fien, gijs, hans, ida] = [uniqueEmail("fien"), uniqueEmail("gijs"), uniqueEmail("hans"), uniqueEmail("ida")];
    const list = [`${fien};"Fien`, `${gijs};Gijs`, `${hans};Hans"`, `${ida};Ida`].join("\r\n");
    const response = await importList({ toestemming: "import-persoonlijk", lijst: list });
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain("1 lezer toegevoegd</strong>");
    expect(body).toContain("3 regels zijn niet toegevoegd");
    expect(body).toContain(
      "<tr><td>1</td><td>Het adres of de naam loopt over meer regels: een aanhalingsteken (&quot;) op deze regel sluit pas op regel 3.",
    );
    for (const line of [2, 3])
      expect(body).toContain(
        `<tr><td>${line}</td><td>Niet apart gelezen: hoort bij regel 1, waar een veld tussen aanhalingstekens (&quot;) over meer regels loopt.`,
      );
    for (const email of [fien, gijs, hans]) expect(await subscriberByEmail(email)).toBeUndefined();
    expect((await subscriberByEmail(ida))!.status).toBe("pending");
  });

  it("reads a file saved by Excel on Windows (not UTF-8)", async () => {
    const email = uniqueEmail("jose");
    const bytes = new Uint8Array([...new TextEncoder().encode(`${email};Jos`), 0xe9]);
    const response = await importList({ toestemming: "import-ingeschreven-elders", bestand: new Blob([bytes]) });
    expect(response.status).toBe(200);
    expect((await subscriberByEmail(email))!.firstName).toBe("José");
  });

  it("changes nothing without a consent choice, with too many rows, or with a file that is too large", async () => {
    const email = uniqueEmail("niets");
    const noChoice = await importList({ lijst: email });
    expect(noChoice.status).toBe(422);
    expect(await noChoice.text()).toContain("Kies hoe deze lezers toestemming gaven; er is niets veranderd.");

    const many = Array.from({ length: 2001 }, (_, i) => `${i}.${email}`).join("\n");
    const tooMany = await importList({ toestemming: "import-persoonlijk", lijst: `${email}\n${many}` });
    expect(tooMany.status).toBe(422);
    expect(await tooMany.text()).toContain("Dit bestand heeft 2002 regels; er kunnen er 2000 per keer.");

    const big = new Blob([`${email};${"x".repeat(600 * 1024)}`]);
    const tooLarge = await importList({ toestemming: "import-persoonlijk", bestand: big });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.text()).toContain("Dit bestand is groter dan 512 kB");

    const noColumn = await importList({ toestemming: "import-persoonlijk", lijst: "naam;telefoon\nAnna;06" });
    expect(noColumn.status).toBe(422);
    expect(await noColumn.text()).toContain("De eerste regel noemt geen kolom met e-mailadressen");

    expect(await subscriberByEmail(email)).toBeUndefined();
    expect(
      await db
        .select()
        .from(subscribers)
        .where(inArray(subscribers.email, [`0.${email}`, `2000.${email}`]))
        .all(),
    ).toEqual([]);
  });
});

describe("reading CSV", () => {
  it("handles quotes, separators and line breaks inside fields, and numbers records by their first line", () => {
    const text = '\uFEFFa;b\r\n"x;y";"twee\nregels"\n\n"zeg ""hoi""";z\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["x;y", "twee\nregels"] },
      { line: 5, fields: ['zeg "hoi"', "z"] },
    ]);
    expect(parseCsv("a,b\nc,d")).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["c", "d"] },
    ]);
    expect(parseCsv("alleen@adres.nl")).toEqual([{ line: 1, fields: ["alleen@adres.nl"] }]);
  });

  it("reads on after a quote that is never closed, returning only that line as unreadable", () => {
    expect(parseCsv('a@x.nl;Anna\n"b@x.nl;Bob\n\nc@x.nl;Cees')).toEqual([
      { line: 1, fields: ["a@x.nl", "Anna"] },
      { line: 2, unreadable: expect.stringContaining("aanhalingsteken") },
      { line: 4, fields: ["c@x.nl", "Cees"] },
    ]);
  });

  it("takes a quote inside an unquoted field as a character, and skips lines of only separators", () => {
    expect(parseCsv('a@x.nl;Jan "JJ" de Vries\n;;\nb@x.nl; "Bo" ')).toEqual([
      { line: 1, fields: ["a@x.nl", 'Jan "JJ" de Vries'] },
      { line: 3, fields: ["b@x.nl", "Bo"] },
    ]);
  });

  it("leaves no line of a list unaccounted for, wherever quotes stray: each is a reader or a listed problem", () => {
    const lineSpec = fc.record({
      name: fc.constantFrom("Anna", "", "Jan de Vries", "Eef;extra"),
      quotes: fc.array(fc.nat(40), { maxLength: 2 }),
      blank: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(lineSpec, { minLength: 1, maxLength: 25 }), fc.constantFrom("\n", "\r\n"), (specs, eol) => {
        const lines = specs.map(({ name, quotes, blank }, i) => {
          if (blank) return "";
          let line = `lezer${i}@voorbeeld.nl;${name}`;
          for (const at of quotes) {
            const cut = at % (line.length + 1);
            line = `${line.slice(0, cut)}"${line.slice(cut)}`;
          }
          return line;
        });
        const list = readList(parseCsv(lines.join(eol)));
        if (typeof list === "string") {
          expect(list).toBe("Het bestand is leeg.");
          expect(lines.every((line) => line === "")).toBe(true);
          return;
        }
        const accounted = new Set([...list.candidates, ...list.problems].map((entry) => entry.line));
        lines.forEach((line, i) => {
          if (line !== "") expect(accounted.has(i + 1), `regel ${i + 1}: ${line}`).toBe(true);
        });
        for (const candidate of list.candidates) expect(lines[candidate.line - 1]).toContain(candidate.email);
        for (const problem of list.problems) expect(problem.reason).toMatch(/^[A-Z][\s\S]*[.?]$/);
      }),
    );
  });
});
