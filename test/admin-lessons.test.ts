import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import generated from "../.generated/course.json" with { type: "json" };
import { app } from "../worker/doors/app.ts";
import { answers, deliveries, outbox, subscribers } from "../worker/mechanisms/db/schema.ts";
import { authorSession } from "./author-session.ts";
import { allLinks, BASE, db, linkIn, postForm, readerWithLesson, request, uniqueEmail } from "./helpers.ts";

const [lesson1, lesson2] = generated.series[0]!.lessons;

async function get(path: string) {
  const response = await request(path, { headers: { cookie: await authorSession() } });
  return { response, body: await response.text() };
}

async function sendTest(key: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return postForm(`/beheer/lessen/${key}/test`, fields, { cookie: await authorSession(), ...headers });
}

const outboxFor = (to: string) => db.select().from(outbox).where(eq(outbox.to, to)).all();
const deliveryCount = async () => (await db.select({ n: count() }).from(deliveries).get())!.n;

/** The app with some settings changed, as a request from the author's own page. */
async function withSettings(settings: Partial<Env>, path: string, fields: Record<string, string>) {
  const ctx = createExecutionContext();
  const response = await app.fetch(
    new Request(`${BASE}${path}`, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { cookie: await authorSession(), origin: BASE },
    }),
    { ...env, ...settings },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

describe("the Lessons page", () => {
  it("needs the author's session", async () => {
    for (const path of ["/beheer/lessen", "/beheer/lessen/1", "/beheer/lessen/1/html"]) {
      const response = await request(path);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/beheer/inloggen");
    }
    const post = await postForm("/beheer/lessen/1/test", { email: uniqueEmail("auteur") });
    expect(post.status).toBe(303);
  });

  it("lists every mail of the course in the order readers get them, with subject and preview text", async () => {
    const { response, body } = await get("/beheer/lessen");
    expect(response.status).toBe(200);
    const names = [...body.matchAll(/<th scope="row"><a href="\/beheer\/lessen\/([^"]+)">/g)].map((m) => m[1]);
    const [first, second] = generated.series;
    expect(names).toEqual([
      "bevestiging",
      "welkom",
      ...first!.lessons.map((lesson) => String(lesson.order)),
      "afsluiting",
      ...second!.lessons.map((lesson) => `${second!.id}-${lesson.order}`),
      `${second!.id}-afsluiting`,
      "eigen-links",
    ]);
    expect(body).toContain("Bevestig je inschrijving");
    expect(body).toContain("Nog even bevestigen, dan ben je ingeschreven.");
    expect(body).toContain(`<td>${lesson2!.title}</td><td>${lesson2!.preheader}</td>`);
    expect(body).toContain("Je hebt de hele reeks gelezen");
    expect(body).toContain('<a href="/beheer/lessen" aria-current="page">Lessen</a>');
  });

  it("shows a lesson as a reader named Anna gets it: subject, preview text, HTML in a sandboxed frame, plain text", async () => {
    const { response, body } = await get("/beheer/lessen/1");
    expect(response.status).toBe(200);
    expect(body).toContain(`<dd>${lesson1!.title}</dd>`);
    expect(body).toContain(`<dd>${lesson1!.preheader}</dd>`);
    expect(body).toMatch(/<iframe class="mail-frame" src="\/beheer\/lessen\/1\/html" sandbox="" title="[^"]+"/);
    expect(body).toMatch(/<pre class="mail-text">[^<]*Hoi Anna/);
    expect(response.headers.get("content-security-policy")).toMatch(/frame-src[^;]*'self'/);
    expect(body).not.toMatch(/\sstyle=/);

    const frame = await get("/beheer/lessen/1/html");
    expect(frame.response.status).toBe(200);
    expect(frame.response.headers.get("content-type")).toContain("text/html");
    const csp = frame.response.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("sandbox");
    expect(frame.response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(frame.body).toContain(lesson1!.title);
    expect(frame.body).toContain("Anna");
  });

  it("keeps frames out of every other page", async () => {
    const { response } = await get("/beheer");
    expect(response.headers.get("content-security-policy")).not.toMatch(/frame-src[^;]*'self'/);
  });

  it("answers an unknown mail with a 404", async () => {
    for (const path of ["/beheer/lessen/99", "/beheer/lessen/99/html"]) {
      const { response } = await get(path);
      expect(response.status).toBe(404);
    }
    const post = await sendTest("99", { email: uniqueEmail("auteur") });
    expect(post.status).toBe(404);
  });
});

describe("a test mail to the author", () => {
  it("goes to the address she types, marked [Test], and is not a delivery to any reader", async () => {
    const to = uniqueEmail("auteur");
    const before = await deliveryCount();
    const response = await sendTest("1", { email: to });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`[Test] ${lesson1!.title}`);
    const [mail, ...more] = await outboxFor(to);
    expect(more).toHaveLength(0);
    expect(mail!.subject).toBe(`[Test] ${lesson1!.title}`);
    expect(mail!.text).toContain("Hoi Anna");
    expect(mail!.headers["List-Unsubscribe"]).toMatch(/^<https:\/\/rustenrichting\.test\/afmelden\//);
    expect(await deliveryCount()).toBe(before);
  });

  it("carries links that change nothing for any reader", async () => {
    const reader = await readerWithLesson();
    const to = uniqueEmail("auteur");
    await sendTest("1", { email: to });
    const [mail] = await outboxFor(to);
    const [answerLink] = allLinks(mail!.text, "/reflectie/");
    expect(answerLink).toBeDefined();
    expect(reader.answerLinks).not.toContain(answerLink);

    const answered = await request(answerLink!, { method: "POST" });
    expect(answered.status).toBeGreaterThanOrEqual(400);
    expect(answered.status).toBeLessThan(500);
    const unsubscribed = await request(linkIn(mail!.text, "/afmelden/"), { method: "POST" });
    expect(unsubscribed.status).toBeGreaterThanOrEqual(400);
    expect(unsubscribed.status).toBeLessThan(500);
    expect((await db.select().from(subscribers).where(eq(subscribers.id, reader.subscriber.id)).get())!.status).toBe(
      "active",
    );
    expect(await db.select().from(answers).where(eq(answers.subscriberId, reader.subscriber.id)).all()).toHaveLength(0);
  });

  it("sends the confirmation, welcome, closing and own-links mails too", async () => {
    for (const [key, subject] of [
      ["bevestiging", "[Test] Bevestig je inschrijving"],
      ["welkom", "[Test] Welkom bij Rust en richting"],
      ["afsluiting", "[Test] Je hebt de hele reeks gelezen"],
      ["eigen-links", "[Test] Je eigen links voor Rust en richting"],
    ] as const) {
      const to = uniqueEmail("auteur");
      expect((await sendTest(key, { email: to })).status).toBe(200);
      expect((await outboxFor(to)).map((mail) => mail.subject)).toEqual([subject]);
    }
  });

  it("goes to AUTHOR_EMAIL when she types no address", async () => {
    const authorEmail = uniqueEmail("schrijver");
    const response = await withSettings({ AUTHOR_EMAIL: authorEmail }, "/beheer/lessen/2/test", { email: "" });
    expect(response.status).toBe(200);
    expect((await outboxFor(authorEmail)).map((mail) => mail.subject)).toEqual([`[Test] ${lesson2!.title}`]);
  });

  it("refuses a bad address, or none without AUTHOR_EMAIL, with a Dutch message, and sends nothing", async () => {
    const bad = await sendTest("1", { email: "geen-adres" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Dit lijkt geen geldig e-mailadres.");
    expect(await outboxFor("geen-adres")).toHaveLength(0);

    const none = await sendTest("1", { email: "  " });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain("Vul het adres in waar de test heen moet.");
  });

  it("says so plainly when mail is off, instead of failing", async () => {
    const to = uniqueEmail("auteur");
    const response = await withSettings({ MAIL_TRANSPORT: "" }, "/beheer/lessen/1/test", { email: to });
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("De test kon nu niet weg");
    expect(await outboxFor(to)).toHaveLength(0);
  });

  it("is refused when posted from another site", async () => {
    const to = uniqueEmail("auteur");
    const response = await sendTest(
      "1",
      { email: to },
      { origin: "https://kwaad.example", "sec-fetch-site": "cross-site" },
    );
    expect(response.status).toBe(403);
    expect(await outboxFor(to)).toHaveLength(0);
  });
});
