import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { DEAD_LETTERS_KEPT_MS, deadBatchesSince } from "../worker/domain/health/dead-letters.ts";
import { deadLetters, sendBatches } from "../worker/mechanisms/db/schema.ts";
import { randomId } from "../worker/mechanisms/lib/tokens.ts";
import type { DeliveryMessage } from "../worker/mechanisms/sending/queue.ts";
import { db, deliverBatch, mailsTo, readerWithLesson } from "./helpers.ts";

/** Hands the dead-letter queue's consumer one batch, as the platform would. */
const deadLetter = (messages: { id: string; attempts: number; body: DeliveryMessage }[]) =>
  deliverBatch(messages, "lesson-deliveries-dead");

describe("the dead-letter queue's consumer", () => {
  it("notes each dead message once, without personal data, acks it, and sends nothing itself", async () => {
    const { email, subscriber } = await readerWithLesson();
    const key = randomId();
    await db.insert(sendBatches).values({ key, createdAt: Date.now() - 3_600_000 });
    const logged = vi.spyOn(console, "warn").mockImplementation(() => {});
    const messages = Array.from({ length: 25 }, (_, i) => ({
      id: `dead-${key}-${i}`,
      attempts: 11,
      body: { batchKey: key, deliveryId: `delivery-${i}` },
    }));

    const result = await deadLetter(messages);
    expect(result.ackAll).toBe(true);
    expect(result.retryBatch.retry).toBe(false);
    expect(result.retryMessages).toEqual([]);
    await deadLetter(messages.slice(0, 3));

    const rows = await db.select().from(deadLetters).where(eq(deadLetters.batchKey, key)).all();
    expect(rows).toHaveLength(25);
    expect(rows[0]).toMatchObject({ attempts: 11, receivedAt: expect.any(Number) });
    expect(JSON.stringify(rows)).not.toContain("@");
    const [batch] = (await deadBatchesSince(db, Date.now() - 60_000)).filter((row) => row.batchKey === key);
    expect(batch).toMatchObject({ messages: 25, attempts: 11, completedAt: null });
    expect(logged.mock.calls.map((call) => String(call[0])).join("\n")).not.toContain(email);
    expect(await mailsTo(email)).toHaveLength(3);
    expect(subscriber.id).not.toBe(key);
  });

  it("forgets dead letters older than a month", async () => {
    const old = `old-${randomId()}`;
    await db.insert(deadLetters).values({
      messageId: old,
      batchKey: "k",
      deliveryId: "d",
      attempts: 11,
      receivedAt: Date.now() - DEAD_LETTERS_KEPT_MS - 60_000,
    });
    await deadLetter([{ id: `new-${randomId()}`, attempts: 11, body: { batchKey: "k", deliveryId: "d2" } }]);
    expect(await db.select().from(deadLetters).where(eq(deadLetters.messageId, old)).all()).toEqual([]);
  });
});
