import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, subscribers } from "../worker/mechanisms/db/schema.ts";
import { config } from "../worker/mechanisms/lib/config.ts";
import { randomId } from "../worker/mechanisms/lib/tokens.ts";
import { deliveryStatus, insertBatch } from "../worker/mechanisms/sending/batches.ts";
import { db, deliverBatch, linkIn } from "./helpers.ts";

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

describe("a mail that cannot be made", () => {
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
});
