import { and, eq, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "../db/client.ts";
import { type BatchOutcomes, type DeliveryKind, deliveries, newsletterIssues, sendBatches } from "../db/schema.ts";

const DAY = 86_400_000;

/**
 * A send batch completed this long ago keeps its outcomes only as counts, and the mails that
 * were only needed for sending it lose their rows. Far past every window the sending has: the
 * sweep (30 minutes), the queue's retries (hours), Resend's idempotency keys (24 hours), the
 * health page's week and the dead letters it shows (30 days, counted from later than this).
 */
export const COMPACT_AFTER_MS = 30 * DAY;

/** The answer links in a newsletter issue with a question work this long; then its deliveries go too. */
export const NEWSLETTER_LINKS_MS = 365 * DAY;

/** Send batches compacted per cron run (5,000 mails): one read of them, one of their deliveries, one D1 batch. */
export const COMPACT_BATCHES = 50;

/** Newsletter deliveries whose links have expired, deleted per cron run, in the same D1 batch. */
export const EXPIRE_DELIVERIES = 1000;

/**
 * How long a delivery's row is kept, by kind. A lesson's for as long as the reader is there: its
 * id finds the answer links in her mail, her journal and export list it, and a returning reader's
 * choice depends on it. A newsletter issue's with a question for `NEWSLETTER_LINKS_MS` (its answer
 * links); every other mail's only until its batch is compacted: nothing reads it after it went.
 */
function keptPast(kind: DeliveryKind, issueAsks: boolean): "reader" | "links" | "batch" {
  if (kind === "lesson") return "reader";
  return kind === "newsletter" && issueAsks ? "links" : "batch";
}

type BatchRow = Pick<typeof sendBatches.$inferSelect, "key" | "outcomes" | "attemptedIds">;
type DeliveryRow = Pick<typeof deliveries.$inferSelect, "id" | "batchKey" | "kind" | "ref">;

/** What a compacted batch keeps: its counts, and the outcomes of the mails whose rows stay. */
type Compacted = { key: string; sentCount: number; failedCount: number; skippedCount: number; outcomes: BatchOutcomes };

/**
 * One batch's compaction: its counts, and of its refused and skipped mails only those whose
 * rows stay (the author's page for a reader still shows what became of them). `before` folds
 * a newsletter batch's counts into its issue, guarded by the batch not yet being compacted,
 * so it runs before `compactedStatement` and a repeated or concurrent run counts nothing
 * twice; `after` deletes the rows whose use is over.
 */
function compactBatch(db: Database, batch: BatchRow, rows: DeliveryRow[], asks: Set<string>) {
  const kept = new Set(rows.filter((row) => keptPast(row.kind, asks.has(row.ref)) !== "batch").map((row) => row.id));
  const gone = [...new Set(rows.filter((row) => !kept.has(row.id)).map((row) => row.kind))];
  const failed = batch.outcomes?.failed ?? {};
  const attempted = batch.attemptedIds ? new Set(batch.attemptedIds) : null;
  // A mail that could not be made is failed, not skipped, though no attempt went to it.
  const skipped = attempted ? rows.filter((row) => !attempted.has(row.id) && failed[row.id] === undefined) : [];
  const compacted: Compacted = {
    key: batch.key,
    sentCount: Object.keys(batch.outcomes?.sent ?? {}).length,
    failedCount: Object.keys(failed).length,
    skippedCount: skipped.length,
    outcomes: {
      sent: {},
      failed: Object.fromEntries(Object.entries(failed).filter(([id]) => kept.has(id))),
      skipped: skipped.filter((row) => kept.has(row.id)).map((row) => row.id),
    },
  };
  const open = sql`exists (select 1 from ${sendBatches} where ${sendBatches.key} = ${batch.key} and ${sendBatches.sentCount} is null)`;
  const issue = rows.find((row) => row.kind === "newsletter")?.ref;
  const before: BatchItem<"sqlite">[] = [];
  if (issue)
    before.push(
      db
        .update(newsletterIssues)
        .set({
          compactedSent: sql`${newsletterIssues.compactedSent} + ${compacted.sentCount}`,
          compactedFailed: sql`${newsletterIssues.compactedFailed} + ${compacted.failedCount}`,
        })
        .where(and(eq(newsletterIssues.id, issue), open)),
    );
  const after: BatchItem<"sqlite">[] = [];
  if (gone.length > 0)
    after.push(db.delete(deliveries).where(and(eq(deliveries.batchKey, batch.key), inArray(deliveries.kind, gone))));
  return { before, compacted, after };
}

/**
 * The one statement that compacts every batch of a run, each only while it is not yet
 * compacted. The batches travel as one JSON parameter: drizzle took most of a millisecond to
 * build each batch's own update, most of a cron run's CPU on Workers Free (10 ms an invocation).
 */
function compactedStatement(db: Database, batches: Compacted[]) {
  const values = JSON.stringify(
    batches.map((batch) => [
      batch.key,
      batch.sentCount,
      batch.failedCount,
      batch.skippedCount,
      JSON.stringify(batch.outcomes),
    ]),
  );
  return db
    .update(sendBatches)
    .set({
      sentCount: sql`compacted ->> 1`,
      failedCount: sql`compacted ->> 2`,
      skippedCount: sql`compacted ->> 3`,
      outcomes: sql`compacted ->> 4`,
      attemptedIds: null,
    })
    .from(sql`(select value as compacted from json_each(${values}))`)
    .where(and(eq(sendBatches.key, sql`compacted ->> 0`), isNull(sendBatches.sentCount)));
}

/**
 * Keeps D1 bounded, a little every cron run: send batches completed over `COMPACT_AFTER_MS`
 * ago keep their outcomes only as counts, and deliveries whose use is over lose their rows
 * (see `keptPast`). At most `COMPACT_BATCHES` batches and `EXPIRE_DELIVERIES` expired
 * deliveries a run, in at most four D1 calls; repeating a run changes nothing.
 * Open batches and everything younger than its window are never touched.
 */
export async function compactSent(db: Database, now: number, limit = COMPACT_BATCHES): Promise<{ batches: number }> {
  const batches = await db
    .select({ key: sendBatches.key, outcomes: sendBatches.outcomes, attemptedIds: sendBatches.attemptedIds })
    .from(sendBatches)
    .where(
      and(
        isNull(sendBatches.sentCount),
        isNotNull(sendBatches.completedAt),
        lt(sendBatches.completedAt, now - COMPACT_AFTER_MS),
      ),
    )
    .orderBy(sendBatches.completedAt)
    .limit(limit)
    .all();
  const rows = batches.length
    ? await db
        .select({ id: deliveries.id, batchKey: deliveries.batchKey, kind: deliveries.kind, ref: deliveries.ref })
        .from(deliveries)
        .where(
          inArray(
            deliveries.batchKey,
            batches.map((batch) => batch.key),
          ),
        )
        .all()
    : [];
  const issueIds = [...new Set(rows.filter((row) => row.kind === "newsletter").map((row) => row.ref))];
  const asking = issueIds.length
    ? await db
        .select({ id: newsletterIssues.id })
        .from(newsletterIssues)
        .where(and(inArray(newsletterIssues.id, issueIds), isNotNull(newsletterIssues.question)))
        .all()
    : [];
  const asks = new Set(asking.map((issue) => issue.id));
  const expired = db.delete(deliveries).where(
    inArray(
      deliveries.id,
      db
        .select({ id: deliveries.id })
        .from(deliveries)
        .where(
          and(
            // Spelled as the index's own condition, so SQLite takes deliveries_expiring.
            sql`${deliveries.kind} <> 'lesson'`,
            lt(deliveries.claimedAt, now - NEWSLETTER_LINKS_MS),
            sql`exists (select 1 from ${sendBatches} where ${sendBatches.key} = ${deliveries.batchKey} and ${sendBatches.sentCount} is not null)`,
          ),
        )
        .limit(EXPIRE_DELIVERIES),
    ),
  );
  const byBatch = Map.groupBy(rows, (row) => row.batchKey);
  const compacted = batches.map((batch) => compactBatch(db, batch, byBatch.get(batch.key) ?? [], asks));
  await db.batch([
    expired,
    ...compacted.flatMap((batch) => batch.before),
    ...(compacted.length > 0
      ? [
          compactedStatement(
            db,
            compacted.map((batch) => batch.compacted),
          ),
        ]
      : []),
    ...compacted.flatMap((batch) => batch.after),
  ]);
  return { batches: batches.length };
}
