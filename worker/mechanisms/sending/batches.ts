import { and, asc, eq, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { selectedRow } from "../db/insert-select.ts";
import { deliveries, sendBatches, subscribers } from "../db/schema.ts";
import { runBatch, type Statement } from "../db/statements.ts";
import type { Config } from "../lib/config.ts";
import { randomId } from "../lib/tokens.ts";
import { deliveryId } from "./delivery-id.ts";
import { insertDeliveries } from "./insert-deliveries.ts";

/** A mail to claim: its id follows from reader, kind and ref (see delivery-id.ts). */
export type NewDelivery = Required<Omit<typeof deliveries.$inferInsert, "id" | "batchKey" | "claimedAt" | "round">> &
  Pick<typeof deliveries.$inferInsert, "round">;
/**
 * A mail to claim with what the claim decided it is made from beyond its delivery (`madeWith`,
 * handed to its composer), kept with the batch so every attempt makes the same mail.
 */
export type ClaimedMail = NewDelivery & { madeWith?: string | undefined };
export type Claim = { batchKey: string; deliveryIds: string[] };

/**
 * Claims `rows` as one new send batch, in one D1 batch together with `alongside`
 * (the statements that must hold if and only if the claim does). A delivery whose
 * id was claimed before conflicts on the primary key and is left out, so the same
 * mail can never be claimed twice. Returns the batch and the deliveries it holds.
 */
export async function insertBatch(
  db: Database,
  cfg: Config,
  mails: ClaimedMail[],
  now: number,
  alongside: Statement[] = [],
): Promise<Claim> {
  const batchKey = randomId();
  const rows = await Promise.all(
    mails.map(async ({ madeWith: _, ...mail }) => ({ ...mail, id: await deliveryId(cfg, mail) })),
  );
  const claimed = rows.map((row) => ({ ...row, batchKey, claimedAt: now }));
  const madeWith = Object.fromEntries(
    mails.flatMap((mail, index) => (mail.madeWith === undefined ? [] : [[rows[index]!.id, mail.madeWith]])),
  );
  const inserts = insertDeliveries(db, claimed);
  const results = await runBatch(db, [
    db
      .insert(sendBatches)
      .values({ key: batchKey, createdAt: now, madeWith: Object.keys(madeWith).length > 0 ? madeWith : null }),
    ...inserts,
    ...alongside,
  ]);
  const inserted = results.slice(1, 1 + inserts.length).reduce((sum, result) => sum + result.meta.changes, 0);
  // Only a concurrent claim of the same mails makes an insert conflict; then ask which rows are this batch's.
  const ids = inserted === rows.length ? rows.map((row) => row.id) : await batchDeliveryIds(db, batchKey);
  if (ids.length === 0) await db.update(sendBatches).set({ completedAt: now }).where(eq(sendBatches.key, batchKey));
  return { batchKey, deliveryIds: ids };
}

/** A mail to claim only if its `when` holds as the claim's statements run. */
export type ConditionalDelivery = NewDelivery & { when: SQL };

/**
 * The statements that claim, as one new send batch, each of `mails` whose condition holds
 * when they run, for the caller to put in its own D1 batch after the statements that decide
 * it: the batch itself exists only if one of them does, and the claim's messages otherwise
 * find no batch to send. Lets a request do the same work whichever mail, if any, it ends in.
 */
export async function claimIf(db: Database, cfg: Config, mails: ConditionalDelivery[], now: number) {
  const batchKey = randomId();
  const rows = await Promise.all(
    mails.map(async ({ when, ...mail }) => ({ ...mail, when, id: await deliveryId(cfg, mail) })),
  );
  const any = sql.join(
    rows.map((row) => sql`(${row.when})`),
    sql` or `,
  );
  const statements = [
    db.insert(sendBatches).select(sql`${selectedRow(sendBatches, { key: batchKey, createdAt: now })} where ${any}`),
    ...rows.map((row) =>
      db
        .insert(deliveries)
        .select(
          sql`${selectedRow(deliveries, {
            id: row.id,
            subscriberId: row.subscriberId,
            kind: row.kind,
            ref: row.ref,
            batchKey,
            dueAt: row.dueAt,
            claimedAt: now,
            round: row.round ?? null,
          })} where ${row.when}`,
        )
        .onConflictDoNothing(),
    ),
  ];
  return { claim: { batchKey, deliveryIds: rows.map((row) => row.id) } satisfies Claim, statements };
}

/** The ids of a send batch's deliveries, from the covering index alone. */
export async function batchDeliveryIds(db: Database, batchKey: string): Promise<string[]> {
  return (await db.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.batchKey, batchKey)).all()).map(
    (row) => row.id,
  );
}

export type SendBatch = typeof sendBatches.$inferSelect;

export async function findSendBatch(db: Database, key: string): Promise<SendBatch | null> {
  return (await db.select().from(sendBatches).where(eq(sendBatches.key, key)).get()) ?? null;
}

export type BatchDelivery = Pick<typeof deliveries.$inferSelect, "id" | "kind" | "ref" | "subscriberId" | "round"> & {
  email: string;
  firstName: string | null;
  subscriberStatus: (typeof subscribers.$inferSelect)["status"];
};

/** The deliveries of a send batch with what is needed to address them, in a stable order. */
export async function loadBatchDeliveries(db: Database, batchKey: string): Promise<BatchDelivery[]> {
  return db
    .select({
      id: deliveries.id,
      kind: deliveries.kind,
      ref: deliveries.ref,
      round: deliveries.round,
      subscriberId: deliveries.subscriberId,
      email: subscribers.email,
      firstName: subscribers.firstName,
      subscriberStatus: subscribers.status,
    })
    .from(deliveries)
    .innerJoin(subscribers, eq(subscribers.id, deliveries.subscriberId))
    .where(eq(deliveries.batchKey, batchKey))
    .orderBy(asc(deliveries.id))
    .all();
}

/** Where one delivery stands: claimed (not yet sent), sent, failed (refused by the provider) or skipped (the reader had left). */
export type DeliveryStatus = "claimed" | "sent" | "failed" | "skipped";

/**
 * A delivery's standing read from its batch's frozen set and outcomes; in a compacted batch
 * (see compact.ts), every delivery not named refused or skipped was sent.
 */
export function statusInBatch(
  id: string,
  batch: Pick<SendBatch, "attemptedIds" | "outcomes" | "sentCount">,
): DeliveryStatus {
  if (batch.outcomes?.sent[id] !== undefined) return "sent";
  if (batch.outcomes?.failed[id] !== undefined) return "failed";
  if (batch.sentCount !== null) return batch.outcomes?.skipped?.includes(id) ? "skipped" : "sent";
  if (batch.attemptedIds && !batch.attemptedIds.includes(id)) return "skipped";
  return "claimed";
}

export async function deliveryStatus(db: Database, id: string): Promise<DeliveryStatus | null> {
  const batch = await db
    .select({
      attemptedIds: sendBatches.attemptedIds,
      outcomes: sendBatches.outcomes,
      sentCount: sendBatches.sentCount,
    })
    .from(deliveries)
    .innerJoin(sendBatches, eq(sendBatches.key, deliveries.batchKey))
    .where(eq(deliveries.id, id))
    .get();
  return batch ? statusInBatch(id, batch) : null;
}

/** Batches claimed before `before` and still not completed: their queue messages were lost or exhausted. */
export function staleBatches(db: Database, before: number, limit = 50): Promise<{ key: string }[]> {
  return (
    db
      .select({ key: sendBatches.key })
      .from(sendBatches)
      .where(and(isNull(sendBatches.completedAt), lt(sendBatches.createdAt, before)))
      // Oldest first (the partial index's order): after a quota pause each reader's mails go in the order they were claimed.
      .orderBy(asc(sendBatches.createdAt))
      .limit(limit)
      .all()
  );
}
