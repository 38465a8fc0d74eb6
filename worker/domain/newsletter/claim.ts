import { and, asc, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { newsletterIssues, subscribers } from "../../mechanisms/db/schema.ts";
import type { Config } from "../../mechanisms/lib/config.ts";
import { MAX_BATCH } from "../../mechanisms/mail/transport.ts";
import { insertBatch } from "../../mechanisms/sending/batches.ts";
import { enqueue } from "../../mechanisms/sending/queue.ts";
import type { Issue } from "./issues.ts";

/** The issue whose turn it is: scheduled for `now` or earlier, or part-way through its readers. */
function dueIssue(db: Database, now: number): Promise<Issue | undefined> {
  return db
    .select()
    .from(newsletterIssues)
    .where(and(inArray(newsletterIssues.status, ["scheduled", "sending"]), lte(newsletterIssues.sendAt, now)))
    .orderBy(asc(newsletterIssues.sendAt))
    .limit(1)
    .get();
}

/**
 * Claims up to `pages` pages of newsletter readers (active, newsletter wanted), 100 a page,
 * walking each due issue's readers in id order from its cursor, and puts each page on the
 * send queue. In one D1 batch per page: the deliveries (a reader claimed twice conflicts on
 * the primary key) and the cursor's advance, guarded by the cursor it started from, so a
 * concurrent run neither skips nor repeats a reader. The last page marks the issue sent.
 * Returns the number of mails claimed, and whether no issue is left to claim for (false when
 * the pages ran out first).
 */
export async function claimNewsletters(
  env: Env,
  db: Database,
  cfg: Config,
  now: number,
  pages: number,
  limit = MAX_BATCH,
): Promise<{ claimed: number; done: boolean }> {
  let claimed = 0;
  for (let page = 0; page < pages; page++) {
    const issue = await dueIssue(db, now);
    if (!issue) return { claimed, done: true };
    const readers = await db
      .select({ id: subscribers.id })
      .from(subscribers)
      .where(
        and(
          eq(subscribers.status, "active"),
          eq(subscribers.newsletter, true),
          issue.claimCursor ? gt(subscribers.id, issue.claimCursor) : undefined,
        ),
      )
      .orderBy(asc(subscribers.id))
      .limit(limit)
      .all();
    const last = readers.at(-1)?.id ?? issue.claimCursor;
    const done = readers.length < limit;
    const advance = db
      .update(newsletterIssues)
      .set({
        claimCursor: last,
        claimed: sql`${newsletterIssues.claimed} + ${readers.length}`,
        ...(done ? { status: "sent" as const, sentAt: now } : { status: "sending" as const }),
      })
      .where(
        and(
          eq(newsletterIssues.id, issue.id),
          issue.claimCursor
            ? eq(newsletterIssues.claimCursor, issue.claimCursor)
            : isNull(newsletterIssues.claimCursor),
        ),
      );
    if (readers.length === 0) {
      await advance;
      continue;
    }
    const rows = readers.map((reader) => ({
      subscriberId: reader.id,
      kind: "newsletter" as const,
      ref: issue.id,
      dueAt: issue.sendAt!,
    }));
    const claim = await insertBatch(db, cfg, rows, now, [advance]);
    claimed += claim.deliveryIds.length;
    await enqueue(env, claim);
  }
  return { claimed, done: false };
}
