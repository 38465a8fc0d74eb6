import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { claimDue } from "../worker/domain/course/claim.ts";
import { defaultSeries } from "../worker/domain/course/course.ts";
import { composers } from "../worker/domain/mails/index.ts";
import { liftSuppression, suppress, suppressedAmong } from "../worker/domain/readers/suppression.ts";
import { app } from "../worker/doors/app.ts";
import { answers, deliveries, subscribers } from "../worker/mechanisms/db/schema.ts";
import { config } from "../worker/mechanisms/lib/config.ts";
import { deriveToken, hashToken } from "../worker/mechanisms/lib/tokens.ts";
import { resendTransport } from "../worker/mechanisms/mail/resend.ts";
import { personalTokens } from "../worker/mechanisms/sending/delivery-id.ts";
import { enqueue } from "../worker/mechanisms/sending/queue.ts";
import { sendBatch } from "../worker/mechanisms/sending/send-batch.ts";
import { allLinks, BASE, db, enrollmentOf, linkIn, subscriberByEmail, uniqueEmail } from "./helpers.ts";
import { fakeResend } from "./resend-spec.ts";
import { diesAfterSending, envWithQueue, SimulatedQueue } from "./send-harness.ts";

/** The fixture course's first series, where every reader starts. */
const course = defaultSeries.lessons;

const OLD = env.TOKEN_SECRET;
const NEW = "the-rotated-token-secret-long-enough-0123456789";
const CONFIRM_SUBJECT = "Bevestig je inschrijving";
const WELCOME_SUBJECT = "Welkom bij Rust en richting";

/** The Worker as deployed with one set of keys; its queue is ours, so we say when (and with which keys) mail goes out. */
function deployment(keys: { TOKEN_SECRET: string; TOKEN_SECRET_PREVIOUS?: string }) {
  const queue = new SimulatedQueue();
  return { queue, env: envWithQueue(queue, { TOKEN_SECRET_PREVIOUS: "", ...keys }) };
}
type Deployment = ReturnType<typeof deployment>;

const before = deployment({ TOKEN_SECRET: OLD });
const after = deployment({ TOKEN_SECRET: NEW, TOKEN_SECRET_PREVIOUS: OLD });
/** After the old key was dropped from TOKEN_SECRET_PREVIOUS. */
const dropped = deployment({ TOKEN_SECRET: NEW });

const resend = fakeResend();
const transport = resendTransport({ apiKey: "re_test_key", fetch: resend.fetch, sleep: async () => {}, attempts: 1 });

function call(deployed: Deployment, path: string, init: RequestInit = {}) {
  const [a, b] = crypto.getRandomValues(new Uint16Array(2));
  const headers = new Headers(init.headers);
  headers.set("cf-connecting-ip", `2001:db8:77:${a!.toString(16)}:${b!.toString(16)}::1`);
  if (init.method === "POST") headers.set("origin", BASE);
  return app.fetch(
    new Request(`${BASE}${path}`, { redirect: "manual", ...init, headers }),
    deployed.env,
    createExecutionContext(),
  );
}

const post = (deployed: Deployment, path: string, fields: Record<string, string> = {}) =>
  call(deployed, path, { method: "POST", body: new URLSearchParams(fields) });

async function send(deployed: Deployment) {
  expect((await deployed.queue.drain(deployed.env, transport)).deadLettered).toBe(0);
}

function mailTo(email: string, subject: string) {
  const mail = resend.accepted.find((m) => m.to[0] === email && m.subject === subject);
  if (!mail) throw new Error(`no mail "${subject}"`);
  return mail;
}

/** Signs up under `signup`'s keys and confirms under `confirm`'s: the welcome and lesson 1 are claimed then. */
async function reader(signup: Deployment, confirm: Deployment = signup) {
  const email = uniqueEmail("rotatie");
  expect((await post(signup, "/inschrijven", { email, voornaam: "Roos" })).status).toBe(303);
  await send(signup);
  expect((await post(confirm, linkIn(mailTo(email, CONFIRM_SUBJECT).text, "/bevestig/"))).status).toBe(200);
  await send(confirm);
  const subscriber = (await subscriberByEmail(email))!;
  expect(subscriber.status).toBe("active");
  return { email, id: subscriber.id };
}

/** Claims and sends the reader's next lesson under `deployed`'s keys, as a later cron run would. */
async function nextLesson(deployed: Deployment, id: string) {
  const due = (await enrollmentOf(id))!.nextSendAt!;
  const claim = await claimDue(db, config(deployed.env), due, { subscriberId: id });
  expect(claim?.deliveryIds).toHaveLength(1);
  await enqueue(deployed.env, claim!);
  await send(deployed);
}

/** A mail's links to the reader's page and unsubscribe page open them for this reader (the page's export names them). */
async function footerLinksWork(deployed: Deployment, text: string, email: string) {
  const preferences = linkIn(text, "/voorkeuren/");
  expect((await call(deployed, preferences)).status).toBe(200);
  const exported = await post(deployed, preferences, { actie: "exporteren" });
  expect(exported.status).toBe(200);
  expect(((await exported.json()) as { subscriber: { email: string } }).subscriber.email).toBe(email);
  const unsubscribe = await call(deployed, linkIn(text, "/afmelden/"));
  expect(unsubscribe.status).toBe(200);
  expect(await unsubscribe.text()).toContain('method="post"');
}

/**
 * Every answer link of a lesson mail opens its page, and the one the reader clicks records that
 * answer (one click per mail: several within seconds are a scanner's sweep, and change nothing).
 */
async function answerLinksWork(deployed: Deployment, text: string, id: string, slug: string, clicked: number) {
  const question = course.find((lesson) => lesson.slug === slug)!.question!;
  const links = allLinks(text, "/reflectie/");
  expect(links).toHaveLength(question.answers.length);
  for (const link of links) expect((await call(deployed, link)).status).toBe(200);
  expect((await call(deployed, links[clicked]!, { method: "POST" })).status).toBe(303);
  const stored = await db
    .select()
    .from(answers)
    .where(and(eq(answers.subscriberId, id), eq(answers.questionId, question.id)))
    .get();
  expect(stored?.answerKey).toBe(question.answers[clicked]!.key);
}

/** The one-click unsubscribe a mail client sends (RFC 8058): it must unsubscribe this reader. */
async function oneClickUnsubscribes(deployed: Deployment, text: string, id: string) {
  await db.update(subscribers).set({ status: "active", unsubscribedAt: null }).where(eq(subscribers.id, id));
  const response = await post(deployed, linkIn(text, "/afmelden/"), { "List-Unsubscribe": "One-Click" });
  expect(response.status).toBe(200);
  expect((await db.select().from(subscribers).where(eq(subscribers.id, id)).get())?.status).toBe("unsubscribed");
}

describe("rotating TOKEN_SECRET", () => {
  it("keeps every link of mails sent before and after it working, one-click unsubscribe included", async () => {
    const { email, id } = await reader(before);
    await nextLesson(after, id);
    const welcome = mailTo(email, WELCOME_SUBJECT).text;
    const first = mailTo(email, course[0]!.title).text;
    const second = mailTo(email, course[1]!.title).text;
    // The mail after the rotation carries links of the new key.
    expect(linkIn(second, "/afmelden/")).not.toBe(linkIn(first, "/afmelden/"));

    for (const text of [welcome, first, second]) await footerLinksWork(after, text, email);
    await answerLinksWork(after, first, id, course[0]!.slug, 0);
    await answerLinksWork(after, second, id, course[1]!.slug, 1);
    await oneClickUnsubscribes(after, first, id);
    await oneClickUnsubscribes(after, second, id);
  });

  it("confirms a signup whose confirmation was claimed before it and sent or clicked after it", async () => {
    const email = uniqueEmail("rotatie");
    expect((await post(before, "/inschrijven", { email })).status).toBe(303);
    // Claimed before the rotation, sent after it.
    expect((await before.queue.drain(after.env, transport)).deadLettered).toBe(0);
    expect((await post(after, linkIn(mailTo(email, CONFIRM_SUBJECT).text, "/bevestig/"))).status).toBe(200);
    expect((await subscriberByEmail(email))?.status).toBe("active");
    await send(after);
    await footerLinksWork(after, mailTo(email, WELCOME_SUBJECT).text, email);
  });

  it("retries a batch sent before it with the very same payload, so Resend replays instead of refusing", async () => {
    const email = uniqueEmail("rotatie");
    expect((await post(before, "/inschrijven", { email })).status).toBe(303);
    await send(before);
    expect((await post(before, linkIn(mailTo(email, CONFIRM_SUBJECT).text, "/bevestig/"))).status).toBe(200);
    const { id } = (await subscriberByEmail(email))!;
    const lesson = await db
      .select({ batchKey: deliveries.batchKey })
      .from(deliveries)
      .where(and(eq(deliveries.subscriberId, id), eq(deliveries.kind, "lesson")))
      .get();
    // Resend takes the lesson, and the consumer dies before it can record that.
    await expect(
      sendBatch(before.env, composers, diesAfterSending(transport), lesson!.batchKey, Date.now()),
    ).rejects.toThrow("consumer died");
    const [outcome] = await sendBatch(after.env, composers, transport, lesson!.batchKey, Date.now());
    const accepted = resend.accepted.filter((m) => m.to[0] === email && m.subject === course[0]!.title);
    expect(accepted).toHaveLength(1);
    expect(outcome).toEqual({ id: expect.any(String), status: "sent", providerId: accepted[0]!.id });
    expect(resend.problems).toEqual([]);
  });

  it("keeps links from before key ids working, and makes a mail claimed back then with those very links", async () => {
    const { email, id } = await reader(before);
    const slug = course[0]!.slug;
    // A reader from before key ids: bare tokens, found by the hashes stored at signup and by the delivery's id.
    const bare = {
      unsubscribe: await deriveToken(OLD, "unsubscribe", id),
      preferences: await deriveToken(OLD, "preferences", id),
      answer: await deriveToken(OLD, "answer", `${id}:${slug}`),
    };
    await db
      .update(subscribers)
      .set({
        unsubscribeTokenHash: await hashToken(bare.unsubscribe),
        preferencesTokenHash: await hashToken(bare.preferences),
      })
      .where(eq(subscribers.id, id));
    const legacyId = await hashToken(bare.answer);
    await db
      .update(deliveries)
      .set({ id: legacyId })
      .where(and(eq(deliveries.subscriberId, id), eq(deliveries.kind, "lesson")));

    const remade = await personalTokens(config(after.env), {
      id: legacyId,
      subscriberId: id,
      kind: "lesson",
      ref: slug,
    });
    expect(remade).toEqual({
      answerToken: bare.answer,
      unsubscribeToken: bare.unsubscribe,
      preferencesToken: bare.preferences,
    });
    const oldMail = `${BASE}/voorkeuren/${bare.preferences} ${BASE}/afmelden/${bare.unsubscribe} ${BASE}/reflectie/${bare.answer}/1`;
    await footerLinksWork(after, oldMail, email);
    expect((await call(after, `/reflectie/${bare.answer}/1`, { method: "POST" })).status).toBe(303);
    expect((await db.select().from(answers).where(eq(answers.subscriberId, id)).get())?.answerKey).toBe(
      course[0]!.question!.answers[0]!.key,
    );
    await oneClickUnsubscribes(after, oldMail, id);
  });

  it("stops accepting a key's links once it is dropped from TOKEN_SECRET_PREVIOUS", async () => {
    const { email, id } = await reader(before);
    await nextLesson(after, id);
    const first = mailTo(email, course[0]!.title).text;
    const second = mailTo(email, course[1]!.title).text;
    for (const path of [linkIn(first, "/voorkeuren/"), linkIn(first, "/afmelden/"), allLinks(first, "/reflectie/")[0]!])
      expect((await call(dropped, path)).status).toBe(404);
    expect((await post(dropped, linkIn(first, "/afmelden/"), { "List-Unsubscribe": "One-Click" })).status).toBe(404);
    expect((await subscriberByEmail(email))?.status).toBe("active");
    await footerLinksWork(dropped, second, email);
    expect((await call(dropped, allLinks(second, "/reflectie/")[0]!)).status).toBe(200);
  });

  it("refuses a token whose key id or proof was tampered with, changing nothing", async () => {
    const { email, id } = await reader(before);
    const unsubscribe = linkIn(mailTo(email, course[0]!.title).text, "/afmelden/");
    // A key id (4 characters), the proof (43), then the reader it proves.
    const token = unsubscribe.slice("/afmelden/".length);
    const [keyId, mac, scope] = [token.slice(0, 4), token.slice(4, 47), token.slice(47)];
    expect(scope).toBe(id);
    const forged = [
      `/afmelden/${keyId}${"A".repeat(43)}${scope}`,
      `/afmelden/AAAA${mac}${scope}`,
      `/afmelden/${keyId}${mac}someone-else`,
      `/afmelden/${keyId}${mac}`,
      `/voorkeuren/${token}`,
    ];
    for (const path of forged) {
      expect((await call(after, path)).status).toBe(404);
      expect((await post(after, path, { "List-Unsubscribe": "One-Click" })).status).toBe(404);
    }
    expect((await db.select().from(subscribers).where(eq(subscribers.id, id)).get())?.status).toBe("active");
  });

  it("leaves nothing behind at erasure and misses no lesson in the export", async () => {
    const { email, id } = await reader(before);
    await nextLesson(after, id);
    const page = linkIn(mailTo(email, course[1]!.title).text, "/voorkeuren/");
    const exported = await post(after, page, { actie: "exporteren" });
    expect(exported.status).toBe(200);
    const data = (await exported.json()) as { mails: { kind: string; subject: string }[] };
    expect(data.mails.filter((mail) => mail.kind === "lesson").map((mail) => mail.subject)).toEqual([
      course[0]!.title,
      course[1]!.title,
    ]);

    expect((await post(after, page, { actie: "verwijderen", zeker: "ja" })).status).toBe(200);
    expect(await db.select().from(deliveries).where(eq(deliveries.subscriberId, id)).all()).toEqual([]);
    expect(await subscriberByEmail(email)).toBeUndefined();
  });

  it("keeps a suppression written with the old key, and lifts it under either key", async () => {
    const email = uniqueEmail("rotatie");
    await suppress(db, OLD, [email], "complaint", Date.now());
    expect((await post(after, "/inschrijven", { email })).status).toBe(303);
    await send(after);
    expect(resend.accepted.filter((m) => m.to[0] === email)).toEqual([]);
    const keys = [NEW, OLD];
    expect((await suppressedAmong(db, keys, [email])).has(email)).toBe(true);
    expect(await liftSuppression(db, keys, email)).toBe(true);
    expect((await suppressedAmong(db, keys, [email])).has(email)).toBe(false);
  });

  it("keeps the mailbox's confirmation throttle: no second confirmation mail right after it", async () => {
    const email = uniqueEmail("rotatie");
    expect((await post(before, "/inschrijven", { email })).status).toBe(303);
    await send(before);
    expect((await post(after, "/inschrijven", { email })).status).toBe(303);
    await send(after);
    expect(resend.accepted.filter((m) => m.to[0] === email)).toHaveLength(1);
  });
});
