import { eq, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { sendQuota } from "../db/schema.ts";
import type { Quota } from "../mail/transport.ts";

const PROVIDER = "resend";

/** Sending waits for a quota: which one, since when and until when (ms since the epoch). */
export type QuotaPause = { quota: Quota; since: number; until: number };

/** The UTC day and month `now` falls in, as Resend counts its quotas. */
function periods(now: number): { day: string; month: string } {
  const day = new Date(now).toISOString().slice(0, 10);
  return { day, month: day.slice(0, 7) };
}

/** The pause Resend's quota imposed, if one was noted (it may be over already: compare `until`). */
export async function quotaPause(db: Database): Promise<QuotaPause | null> {
  const row = await db
    .select({ quota: sendQuota.pausedFor, since: sendQuota.pausedAt, until: sendQuota.pausedUntil })
    .from(sendQuota)
    .where(eq(sendQuota.provider, PROVIDER))
    .get();
  return row?.quota && row.since !== null && row.until !== null
    ? { quota: row.quota, since: row.since, until: row.until }
    : null;
}

/**
 * Notes that a quota ran out: nothing goes to Resend until `until`. A pause already noted is
 * only ever lengthened, so two consumers that hit the quota at once agree on the later time.
 */
export async function pauseForQuota(db: Database, quota: Quota, until: number, now: number): Promise<void> {
  await db
    .insert(sendQuota)
    .values({ provider: PROVIDER, pausedFor: quota, pausedAt: now, pausedUntil: until })
    .onConflictDoUpdate({
      target: sendQuota.provider,
      set: {
        pausedFor: sql`case when coalesce(${sendQuota.pausedUntil}, 0) < ${until} then ${quota} else ${sendQuota.pausedFor} end`,
        pausedAt: sql`coalesce(${sendQuota.pausedAt}, ${now})`,
        pausedUntil: sql`max(coalesce(${sendQuota.pausedUntil}, 0), ${until})`,
      },
    });
}

/** Forgets a pause that is over, once what waited for it has gone back on its way. */
export async function endQuotaPause(db: Database, now: number): Promise<void> {
  await db
    .update(sendQuota)
    .set({ pausedFor: null, pausedAt: null, pausedUntil: null })
    .where(sql`${sendQuota.provider} = ${PROVIDER} and ${sendQuota.pausedUntil} <= ${now}`);
}

/** Mails claimed so far in the UTC day and month of `now`. */
export async function claimedInPeriod(db: Database, now: number): Promise<{ day: number; month: number }> {
  const row = await db.select().from(sendQuota).where(eq(sendQuota.provider, PROVIDER)).get();
  const { day, month } = periods(now);
  return {
    day: row?.day === day ? row.dayClaimed : 0,
    month: row?.month === month ? row.monthClaimed : 0,
  };
}

/** Counts `mails` more claimed in the UTC day and month of `now` (a new period starts at 0). */
export async function countClaimed(db: Database, mails: number, now: number): Promise<void> {
  const { day, month } = periods(now);
  await db
    .insert(sendQuota)
    .values({ provider: PROVIDER, day, dayClaimed: mails, month, monthClaimed: mails })
    .onConflictDoUpdate({
      target: sendQuota.provider,
      set: {
        dayClaimed: sql`case when ${sendQuota.day} = ${day} then ${sendQuota.dayClaimed} + ${mails} else ${mails} end`,
        day,
        monthClaimed: sql`case when ${sendQuota.month} = ${month} then ${sendQuota.monthClaimed} + ${mails} else ${mails} end`,
        month,
      },
    });
}
