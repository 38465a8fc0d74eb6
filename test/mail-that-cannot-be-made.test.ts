import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { composers } from "../worker/domain/mails/index.ts";
import { claimNewsletters } from "../worker/domain/newsletter/claim.ts";
import { scheduleIssue } from "../worker/domain/newsletter/issues.ts";
import { deliveries, newsletterIssues, outbox, sendBatches, subscribers } from "../worker/mechanisms/db/schema.ts";
import { config } from "../worker/mechanisms/lib/config.ts";
import { randomId } from "../worker/mechanisms/lib/tokens.ts";
import { mailTransport } from "../worker/mechanisms/mail/index.ts";
import { deliveryStatus, insertBatch } from "../worker/mechanisms/sending/batches.ts";
import type { Composer, Composers } from "../worker/mechanisms/sending/composer.ts";
import { consumeDeliveries, type DeliveryMessage } from "../worker/mechanisms/sending/queue.ts";
import { authorSession } from "./author-session.ts";
import { db, deliverBatch, linkIn, postForm, readerWithLesson, request } from "./helpers.ts";
import { envWithQueue, SimulatedQueue } from "./send-harness.ts";

/** A reader's row, as signup or confirmation would leave it, without sending anything. */
async function readerRow(status: "pending" | "active") {
  const id = `lezer-${randomId()}`;
  await db.insert(subscribers).values({
    id,
    email: `${id.toLowerCase()}@voorbeeld.nl`,
    firstName: "Cor",
    status,
    unsubscribeTokenHash: `u-${id}`,
    preferencesTokenHash: `p-${id}`,
    createdAt: Date.now(),
  });
  return (await db.select().from(subscribers).where(eq(subscribers.id, id)).get())!;
}

/** One mail claimed as a send batch of its own, kept off the queue: the test hands its message over. */
async function claimedAlone(subscriberId: string, kind: "confirmation" | "lesson", ref: string) {
  const claim = await insertBatch(db, config(env), [{ subscriberId, kind, ref, dueAt: Date.now() }], Date.now());
  return {
    claim,
    message: { id: `m-${randomId()}`, body: { batchKey: claim.batchKey, deliveryId: claim.deliveryIds[0]! } },
  };
}

/** The newsletter composer, failing as `fail` says for the readers it names. */
function composersFailingFor(readers: Set<string>, fail: () => Error): Composers {
  const newsletter: Composer = {
    ...composers.newsletter,
    compose: async (cfg, delivery, database) => {
      if (readers.has(delivery.subscriberId)) throw fail();
      return composers.newsletter.compose(cfg, delivery, database);
    },
  };
  return { ...composers, newsletter };
}

/** An issue written by the author, and sent now: its readers claimed onto a queue the test holds. */
async function issueClaimedForAll(cookie: string, subject: string) {
  const written = await postForm(
    "/beheer/nieuwsbrief/nieuw",
    { onderwerp: subject, voorvertoning: "", tekst: "Een korte brief." },
    { cookie },
  );
  const id = written.headers.get("location")!.split("/").pop()!.split("?")[0]!;
  const queue = new SimulatedQueue();
  await scheduleIssue(db, id, Date.now(), Date.now());
  await claimNewsletters(envWithQueue(queue), db, config(env), Date.now(), 50);
  const messages = queue.pending.map((message) => ({ ...message, timestamp: new Date() }));
  return { id, messages };
}

/** Hands `messages` to the consumer with `using` as the composers; what it acked and retried. */
async function consume(
  messages: { id: string; body: DeliveryMessage; attempts: number; timestamp: Date }[],
  using: Composers,
) {
  const batch = createMessageBatch<DeliveryMessage>("lesson-deliveries", messages);
  await consumeDeliveries(batch, env, using, mailTransport(env));
  return getQueueResult(batch, createExecutionContext());
}

const page = async (path: string, cookie: string) => {
  const response = await request(path, { headers: { cookie } });
  expect(response.status).toBe(200);
  return response.text();
};

describe("a mail that cannot be made", () => {
  it("is recorded as failed while the rest of its batch goes, and the issue and the status page say so", async () => {
    const cookie = await authorSession();
    const ada = await readerWithLesson("Ada");
    const bo = await readerWithLesson("Bo");
    const subject = `Deels ${Date.now().toString(36)}`;
    const { id, messages } = await issueClaimedForAll(cookie, subject);

    const result = await consume(
      messages,
      composersFailingFor(new Set([bo.subscriber.id]), () => new Error("kapot")),
    );
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks.sort()).toEqual(messages.map((message) => message.id).sort());

    const mailsOf = (email: string) => db.select().from(outbox).where(eq(outbox.to, email)).all();
    expect((await mailsOf(ada.email)).filter((mail) => mail.subject === subject)).toHaveLength(1);
    expect((await mailsOf(bo.email)).filter((mail) => mail.subject === subject)).toHaveLength(0);
    const [failed] = await db
      .select()
      .from(deliveries)
      .where(eq(deliveries.subscriberId, bo.subscriber.id))
      .all()
      .then((rows) => rows.filter((row) => row.ref === id));
    expect(await deliveryStatus(db, failed!.id)).toBe("failed");
    const batch = (await db.select().from(sendBatches).where(eq(sendBatches.key, failed!.batchKey)).get())!;
    expect(batch.completedAt).not.toBeNull();
    expect(batch.outcomes?.failed[failed!.id]).toBe("Kon niet worden opgemaakt (Error)");

    const issue = (await db.select().from(newsletterIssues).where(eq(newsletterIssues.id, id)).get())!;
    const list = await page("/beheer/nieuwsbrief", cookie);
    const row = new RegExp(`${subject}</a></th><td>([^<]+)</td><td>${issue.claimed - 1}</td><td>1</td>`).exec(list);
    expect(row?.[1]).toMatch(/^Deels verstuurd op .+: 1 van de \d+ mails is mislukt\.$/);
    expect(row?.[1]).not.toMatch(/^Verstuurd/);
    const issuePage = await page(`/beheer/nieuwsbrief/${id}`, cookie);
    expect(issuePage).toContain(row![1]!);
    expect(issuePage).toMatch(/<th scope="row">Mislukt<\/th><td>1<\/td>/);

    const status = await page("/beheer/status", cookie);
    expect(status).not.toContain("Alles loopt.");
    expect(status).toMatch(/\d+ mails? (kon|konden) deze week niet worden opgemaakt en (is|zijn) niet verstuurd\./);
    expect(status).toContain("Kon niet worden opgemaakt (Error)");
  });

  it("holds back no other mail of the queue batch: a confirmation goes at once, and the broken mail is not retried", async () => {
    const pending = await readerRow("pending");
    const active = await readerRow("active");
    const broken = await claimedAlone(active.id, "lesson", "een-les-die-er-niet-meer-is");
    const confirmation = await claimedAlone(pending.id, "confirmation", randomId());

    const result = await deliverBatch([broken.message, confirmation.message]);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks.sort()).toEqual([broken.message.id, confirmation.message.id].sort());

    const [mail] = await db.select().from(outbox).where(eq(outbox.to, pending.email)).all();
    expect(mail?.subject).toBe("Bevestig je inschrijving");
    expect(linkIn(mail!.text, "/bevestig/")).toMatch(/^\/bevestig\/\S+$/);
    expect(await deliveryStatus(db, confirmation.claim.deliveryIds[0]!)).toBe("sent");
    expect(await deliveryStatus(db, broken.claim.deliveryIds[0]!)).toBe("failed");
    expect(await db.select().from(outbox).where(eq(outbox.to, active.email)).all()).toEqual([]);
  });

  it("tries its batch again when the database failed, sends the other batches, and says the issue is not out yet", async () => {
    const cookie = await authorSession();
    const cas = await readerWithLesson("Cas");
    const subject = `Wacht ${Date.now().toString(36)}`;
    const { id, messages } = await issueClaimedForAll(cookie, subject);
    const pending = await readerRow("pending");
    const confirmation = await claimedAlone(pending.id, "confirmation", randomId());
    const batch = [...messages, { ...confirmation.message, attempts: 1, timestamp: new Date() }];

    const everyone = new Set(
      (await db.select({ id: subscribers.id }).from(subscribers).all()).map((reader) => reader.id),
    );
    const result = await consume(
      batch,
      composersFailingFor(everyone, () => new Error("D1_ERROR: Network connection lost.")),
    );
    expect(result.explicitAcks).toEqual([confirmation.message.id]);
    expect(result.retryMessages.map((message) => message.msgId).sort()).toEqual(messages.map((m) => m.id).sort());
    expect((await db.select().from(outbox).where(eq(outbox.to, pending.email)).all()).map((m) => m.subject)).toEqual([
      "Bevestig je inschrijving",
    ]);
    const [waiting] = (
      await db.select().from(deliveries).where(eq(deliveries.subscriberId, cas.subscriber.id)).all()
    ).filter((row) => row.ref === id);
    expect(await deliveryStatus(db, waiting!.id)).toBe("claimed");

    const list = await page("/beheer/nieuwsbrief", cookie);
    const row = new RegExp(`${subject}</a></th><td>([^<]+)</td>`).exec(list);
    expect(row?.[1]).toBe("Nog niet verstuurd: het lukt nog niet, en wordt vanzelf opnieuw geprobeerd.");
    const status = await page("/beheer/status", cookie);
    expect(status).not.toContain("Alles loopt.");
    expect(status).toMatch(/\d+ verzending(en)? (lukt|lukken) nog niet \(de database gaf een fout\)/);
    expect(status).toMatch(/Bij \d+ verzending(en)? mislukte de laatste poging\./);
  });
});
