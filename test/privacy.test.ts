import { env } from "cloudflare:workers";
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import packed from "../.generated/mail-templates.json" with { type: "json" };
import deployDoc from "../docs/deploy.md?raw";
import { defaultSeries } from "../worker/domain/course/course.ts";
import { D1_JURISDICTION, PROCESSORS } from "../worker/domain/readers/privacy.ts";
import { suppress, suppressedAmong } from "../worker/domain/readers/suppression.ts";
import { app } from "../worker/doors/app.ts";
import { answers, consents, deliveries, enrollments, outbox, suppressions } from "../worker/mechanisms/db/schema.ts";
import { config, RESEND_API } from "../worker/mechanisms/lib/config.ts";
import { mailTransport } from "../worker/mechanisms/mail/index.ts";
import { unpackTemplates } from "../worker/mechanisms/mail/packed-templates.ts";
import { templateStore } from "../worker/mechanisms/mail/personalise.ts";
import { COMPACT_AFTER_MS, NEWSLETTER_LINKS_MS } from "../worker/mechanisms/sending/compact.ts";
import {
  BASE,
  db,
  mailsTo,
  postForm,
  readerWhoAnswered,
  readerWithLesson,
  request,
  runCron,
  subscriberByEmail,
  uniqueEmail,
} from "./helpers.ts";
import { interceptFetch } from "./intercept-fetch.ts";
import { fakeResend } from "./resend-spec.ts";

const DAY = 86_400_000;

/** The privacy statement as anyone reads it. */
async function statement(): Promise<string> {
  const response = await request("/privacy");
  expect(response.status).toBe(200);
  return response.text();
}

/** The number of days the statement gives where `pattern` (with one `(\d+)`) says it. */
function daysIn(page: string, pattern: RegExp): number {
  const found = pattern.exec(page.replace(/\s+/g, " "));
  if (!found) throw new Error(`the privacy statement does not say ${pattern}`);
  return Number(found[1]);
}

/** The fixture course's first series, where every reader starts. */
const course = defaultSeries.lessons;

const rowsOf = async (table: typeof answers | typeof consents | typeof enrollments, subscriberId: string) =>
  (await db.select({ n: count() }).from(table).where(eq(table.subscriberId, subscriberId)).get())!.n;

describe("the reader's data", () => {
  it("exports everything held about the reader as a JSON download", async () => {
    const { email, preferences } = await readerWhoAnswered();
    const response = await postForm(preferences, { actie: "exporteren" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("attachment");
    const data = (await response.json()) as {
      subscriber: object;
      consents: object[];
      course: object;
      mails: { kind: string }[];
      answers: object[];
    };
    expect(data.subscriber).toMatchObject({ email, firstName: "Iris", status: "active" });
    expect(data.consents[0]).toMatchObject({ source: "formulier", privacyTextVersion: expect.any(String) });
    expect(data.course).toMatchObject({ state: "active", lessonsReceived: [course[0]!.title] });
    expect(data.mails.map((mail) => mail.kind).sort()).toEqual(["confirmation", "lesson", "welcome"]);
    expect(data.answers[0]).toMatchObject({ yourWords: "Vooral 's avonds merk ik het.", sharedWithAuthor: true });
  });

  it("writes the machine's file pretty-printed, one field a line, as UTF-8 JSON", async () => {
    const { preferences } = await readerWhoAnswered();
    const response = await postForm(preferences, { actie: "exporteren" });
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const text = await response.text();
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect(text.split("\n").length).toBeGreaterThan(30);
  });

  it("shows the same data as a readable Dutch page, complete: who, consent, course, mails and answers", async () => {
    const { email, preferences } = await readerWhoAnswered();
    const data = (await (await postForm(preferences, { actie: "exporteren" })).json()) as {
      consents: { ipAddressHash: string }[];
      mails: { subject: string }[];
    };
    const response = await postForm(preferences, { actie: "bekijken" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.text();
    expect(body).toContain("<h1>Je gegevens bij Rust en richting</h1>");
    for (const words of [
      email,
      "Iris",
      "ingeschreven",
      "Nieuwsbrief",
      "het inschrijfformulier op deze site",
      data.consents[0]!.ipAddressHash,
      "de lessen lopen",
      "7:00 uur",
      "Bevestiging van je inschrijving",
      course[0]!.title,
      course[0]!.question.prompt,
      course[0]!.question.answers[0]!.label,
      "Vooral &#39;s avonds merk ik het.",
      "Gedeeld met de schrijfster",
    ])
      expect(body).toContain(words);
    for (const mail of data.mails) expect(body).toContain(mail.subject);
    // Dutch dates, not the file's ISO stamps; and no English field names.
    expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    for (const key of ["firstName", "lessonsReceived", "yourWords", "sharedWithAuthor", "active"])
      expect(body).not.toContain(key);
    expect(body).toContain(`href="${preferences}"`);
  });

  it("deletes nothing until the reader ticks that they are sure", async () => {
    const { email, preferences } = await readerWhoAnswered();
    const response = await postForm(preferences, { actie: "verwijderen" });
    expect(await response.text()).toContain("Vink eerst aan dat je zeker bent");
    expect(await subscriberByEmail(email)).toBeDefined();
  });

  it("erases the reader, their answers, course, consents, deliveries and mail copies on request", async () => {
    const { email, subscriber, preferences, answerLinks, unsubscribe } = await readerWhoAnswered();
    const answerLink = answerLinks[0]!;
    const response = await postForm(preferences, { actie: "verwijderen", zeker: "ja" });
    expect(await response.text()).toContain("Je gegevens zijn verwijderd");
    expect(await subscriberByEmail(email)).toBeUndefined();
    for (const table of [answers, consents, enrollments]) expect(await rowsOf(table, subscriber.id)).toBe(0);
    expect(await db.select().from(deliveries).where(eq(deliveries.subscriberId, subscriber.id)).all()).toEqual([]);
    expect(await db.select().from(outbox).where(eq(outbox.to, email)).all()).toEqual([]);
    for (const link of [answerLink, preferences, unsubscribe]) expect((await request(link)).status).toBe(404);
  });

  it("exports and erases every mail the reader was sent, also a lesson the course no longer holds", async () => {
    const { subscriber, preferences } = await readerWhoAnswered();
    const [lesson1] = await db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.subscriberId, subscriber.id), eq(deliveries.kind, "lesson")))
      .all();
    await db.insert(deliveries).values({ ...lesson1!, id: `retired-${subscriber.id}`, ref: "een-oude-les" });

    const exported = (await (await postForm(preferences, { actie: "exporteren" })).json()) as { mails: object[] };
    expect(exported.mails).toEqual(
      expect.arrayContaining([
        { kind: "confirmation", subject: "Bevestig je inschrijving", dueAt: expect.any(String) },
        { kind: "welcome", subject: "Welkom bij Rust en richting", dueAt: expect.any(String) },
        { kind: "lesson", subject: course[0]!.title, dueAt: expect.any(String) },
        { kind: "lesson", subject: "een-oude-les", dueAt: expect.any(String) },
      ]),
    );
    expect(exported.mails).toHaveLength(4);

    await postForm(preferences, { actie: "verwijderen", zeker: "ja" });
    expect(await db.select().from(deliveries).where(eq(deliveries.subscriberId, subscriber.id)).all()).toEqual([]);
  });

  it("keeps only a hash of a suppressed address after deletion", async () => {
    const { email, preferences } = await readerWhoAnswered();
    await suppress(db, env.TOKEN_SECRET, [email], "bounce", Date.now());
    await postForm(preferences, { actie: "verwijderen", zeker: "ja" });
    expect((await suppressedAmong(db, [env.TOKEN_SECRET], [email])).has(email)).toBe(true);
    expect(JSON.stringify(await db.select().from(suppressions).all())).not.toContain(email);
    expect(await subscriberByEmail(email)).toBeUndefined();
  });

  it("deletes signups that were not confirmed within the days the privacy statement gives", async () => {
    const days = daysIn(await statement(), /niet binnen (\d+) dagen, dan wissen we je adres/);
    const email = uniqueEmail();
    await postForm("/inschrijven", { email });
    const pending = (await subscriberByEmail(email))!;
    await runCron(pending.createdAt + days * DAY - 60_000);
    expect(await subscriberByEmail(email)).toBeDefined();
    await runCron(pending.createdAt + days * DAY + 60_000);
    expect(await subscriberByEmail(email)).toBeUndefined();
    expect(await rowsOf(consents, pending.id)).toBe(0);
  });

  it("never writes an address, a token or an answer to the logs", async () => {
    const lines: string[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" "))),
    );
    try {
      const { email, answerLinks, unsubscribe } = await readerWhoAnswered();
      const answerLink = answerLinks[0]!;
      await request(answerLink.replace(/\/[^/]+$/, "/onbekend"), { method: "POST" });
      await request(unsubscribe, { method: "POST", body: "List-Unsubscribe=One-Click" });
      const token = answerLink.split("/")[2]!;
      for (const line of lines) {
        expect(line).not.toContain(email);
        expect(line).not.toContain(token);
        expect(line).not.toContain("avonds");
      }
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe("the privacy statement", () => {
  it("says in Dutch who keeps what, why, how long, who helps and how the reader uses her rights", async () => {
    const response = await request("/privacy");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const page = (await response.text()).replace(/\s+/g, " ");
    for (const words of [
      "<h1>Privacy bij Rust en richting</h1>",
      `Rust en richting is van <strong>${env.AUTHOR_NAME}</strong>`,
      `<a href="mailto:${env.CONTACT_EMAIL}">${env.CONTACT_EMAIL}</a>`,
      "Je e-mailadres, en je voornaam",
      "Je toestemming",
      "Je antwoorden op de vragen",
      "Welke mails we je stuurden",
      "artikel 6, lid 1, onder a van de AVG",
      "Pauzeren of voorkeuren",
      "bekijken en downloaden, en alles wissen",
      "Afmelden",
      "Autoriteit Persoonsgegevens",
      "Gegevensbeschermingsautoriteit",
    ])
      expect(page).toContain(words);
    for (const processor of PROCESSORS) {
      expect(page).toContain(`<strong>${processor.name}</strong>, ${processor.company}`);
      expect(page).toContain(processor.where);
    }
  });

  it("cannot go out without the author's name and contact address: the Worker stops and names them", () => {
    expect(() => config({ ...env, AUTHOR_NAME: "" })).toThrow(/AUTHOR_NAME/);
    expect(() => config({ ...env, CONTACT_EMAIL: "" })).toThrow(/CONTACT_EMAIL must be the address/);
    expect(() => config({ ...env, CONTACT_EMAIL: "geen adres" })).toThrow(/CONTACT_EMAIL/);
  });

  it("shows the version that signup stores as the reader's consent", async () => {
    const version = /Versie van deze tekst: ([^\s<]+)\./.exec(await statement())?.[1];
    expect(version).toMatch(/^\d{4}-\d{2}$/);
    const email = uniqueEmail();
    await postForm("/inschrijven", { email });
    const reader = (await subscriberByEmail(email))!;
    const [consent] = await db.select().from(consents).where(eq(consents.subscriberId, reader.id)).all();
    expect(consent!.privacyVersion).toBe(version);
  });

  it("gives the periods the code keeps sent mails for", async () => {
    const page = await statement();
    expect(daysIn(page, /nieuwsbrief met een vraag (\d+) dagen/)).toBe(NEWSLETTER_LINKS_MS / DAY);
    expect(daysIn(page, /elke andere mail wissen we na (\d+) dagen/)).toBe(COMPACT_AFTER_MS / DAY);
  });

  it("names as a processor the owner of every host the Worker sends readers' data to", async () => {
    const hosts = new Set<string>();
    const resend = fakeResend();
    interceptFetch((outbound) => {
      const url = new URL(outbound.url);
      hosts.add(url.host);
      return url.origin === RESEND_API ? resend.fetch(outbound) : Response.json({ success: true });
    });
    const production = {
      ...env,
      MAIL_TRANSPORT: "",
      RESEND_API_KEY: "re_test_key",
      TURNSTILE_SITE_KEY: "site-key",
      TURNSTILE_SECRET_KEY: "secret-key",
    } as Env;
    const email = uniqueEmail();
    const signup = await app.fetch(
      new Request(`${BASE}/inschrijven`, {
        method: "POST",
        body: new URLSearchParams({ email, "cf-turnstile-response": "token" }),
        headers: { origin: BASE, "cf-connecting-ip": "2001:db8:abcd:1::1" },
      }),
      production,
    );
    expect(signup.status).toBe(303);
    const [confirmation] = await mailsTo(email);
    const { createdAt: _, id: __, ...mail } = confirmation!;
    const outcome = await mailTransport(production).send({ ...mail, from: env.MAIL_FROM, idempotencyKey: email });
    expect(outcome.ok).toBe(true);
    expect([...hosts].sort()).toEqual(PROCESSORS.flatMap((processor) => processor.hosts).sort());
  });

  it("keeps the database where it says: deploy.md creates it in that jurisdiction", () => {
    expect(D1_JURISDICTION).toBe("eu");
    expect(deployDoc).toContain(`wrangler d1 create rust-en-richting --jurisdiction ${D1_JURISDICTION}`);
    expect(PROCESSORS.find((processor) => processor.name === "Cloudflare")!.where).toContain("Europese Unie");
  });

  it("is linked from the signup form, which names the author, and from the reader's page", async () => {
    const signup = await (await request("/")).text();
    expect(signup).toContain('<a href="/privacy">privacy</a>');
    expect(signup).toContain(`<strong>${env.AUTHOR_NAME}</strong>`);
    const { preferences } = await readerWithLesson();
    expect(await (await request(preferences)).text()).toContain('<a href="/privacy">privacy</a>');
  });

  it("is linked from every mail, in its HTML and its text, the confirmation too", async () => {
    const stored = unpackTemplates(packed);
    const kinds = Object.keys(stored);
    expect(kinds).toEqual(expect.arrayContaining(["confirmation", "welcome", "links", "newsletter/0"]));
    // Each template whole (a lesson's variant is stored as its change to the lesson), whatever a
    // reader's copy fills in: its HTML and its text link the statement.
    const { mailTemplate } = templateStore(stored);
    for (const kind of kinds) {
      for (const variant of Object.values(mailTemplate(kind)!)) {
        expect(variant.html, kind).toContain("/privacy");
        expect(variant.text, kind).toContain("/privacy");
      }
    }
    const { email } = await readerWithLesson();
    for (const mail of await mailsTo(email)) {
      expect(mail.html, mail.subject).toContain(`href="${BASE}/privacy"`);
      expect(mail.text, mail.subject).toContain(`Privacy\n${BASE}/privacy`);
    }
  });
});
