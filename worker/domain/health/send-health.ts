import { and, count, desc, gte, isNotNull, isNull, lt, max, min, sql } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { sendBatches, suppressions, webhookEvents } from "../../mechanisms/db/schema.ts";
import { TOLERANCE_MS } from "../../mechanisms/lib/svix.ts";
import type { MailMode } from "../../mechanisms/mail/index.ts";
import type { Failure as AttemptFailure } from "../../mechanisms/sending/attempts.ts";
import { UNMADE } from "../../mechanisms/sending/compose.ts";
import { STALE_AFTER_MS } from "../../mechanisms/sending/sweep.ts";
import { type CronRun, recentCronRuns } from "./cron-runs.ts";
import { type DeadBatch, deadBatchesSince } from "./dead-letters.ts";

/** A batch still open this long after its claim is shown as open (younger ones are simply on their way). */
const OPEN_AFTER_MS = 5 * 60_000;
/** The cron runs every 15 minutes; this long without a run means the schedule is broken. */
const CRON_LATE_AFTER_MS = 45 * 60_000;
/** How far back the page looks for failures, dead letters, bounces and complaints. */
const LOOK_BACK_MS = 7 * 86_400_000;

export type Failure = { batchKey: string; completedAt: number; reason: string };

export type SendHealth = {
  /** Where mail goes now (see mailMode): "off" stops every mail. */
  mail: MailMode;
  runs: CronRun[];
  open: { count: number; oldestAt: number | null; stale: number };
  /** Open batches whose last attempt failed, and why the latest of them did. */
  failing: { count: number; why: AttemptFailure | null };
  /** Mails of the week Resend refused (`count`) and mails that could not be made (`unmade`), the latest of both. */
  failed: { count: number; unmade: number; latest: Failure[] };
  dead: DeadBatch[];
  /** Webhooks of the last minutes (as long as replays are remembered), and when the last one ever came. */
  webhooks: { count: number; lastAt: number | null };
  suppressed: { bounce: number; complaint: number };
};

/** Everything the health page shows, as of `now`. */
export async function sendHealth(db: Database, mail: MailMode, now: number): Promise<SendHealth> {
  const since = now - LOOK_BACK_MS;
  const failedRows = sql`${sendBatches}, json_each(${sendBatches.outcomes}, '$.failed') as failure
    where ${sendBatches.completedAt} >= ${since}`;
  const [runs, open, stale, failing, failedCount, latest, dead, webhooks, suppressedRows] = await Promise.all([
    recentCronRuns(db),
    db
      .select({ count: count(), oldestAt: min(sendBatches.createdAt) })
      .from(sendBatches)
      .where(and(isNull(sendBatches.completedAt), lt(sendBatches.createdAt, now - OPEN_AFTER_MS)))
      .get(),
    db
      .select({ count: count() })
      .from(sendBatches)
      .where(and(isNull(sendBatches.completedAt), lt(sendBatches.createdAt, now - STALE_AFTER_MS)))
      .get(),
    db
      .select({ why: sendBatches.lastFailure, count: sql<number>`count(*) over ()` })
      .from(sendBatches)
      .where(and(isNull(sendBatches.completedAt), isNotNull(sendBatches.lastFailedAt)))
      .orderBy(desc(sendBatches.lastFailedAt))
      .limit(1)
      .get(),
    db.get<{ count: number; unmade: number }>(
      sql`select count(*) filter (where failure.value not like ${`${UNMADE}%`}) as count,
        count(*) filter (where failure.value like ${`${UNMADE}%`}) as unmade from ${failedRows}`,
    ),
    db.all<Failure>(
      sql`select ${sendBatches.key} as batchKey, ${sendBatches.completedAt} as completedAt, failure.value as reason
        from ${failedRows} order by ${sendBatches.completedAt} desc limit 10`,
    ),
    deadBatchesSince(db, since),
    db
      .select({
        count: sql<number>`count(*) filter (where ${webhookEvents.receivedAt} >= ${now - 2 * TOLERANCE_MS})`,
        lastAt: max(webhookEvents.receivedAt),
      })
      .from(webhookEvents)
      .get(),
    db
      .select({ reason: suppressions.reason, count: count() })
      .from(suppressions)
      .where(gte(suppressions.createdAt, since))
      .groupBy(suppressions.reason)
      .all(),
  ]);
  const suppressed = { bounce: 0, complaint: 0 };
  for (const row of suppressedRows) suppressed[row.reason] = row.count;
  return {
    mail,
    runs,
    open: { count: open?.count ?? 0, oldestAt: open?.oldestAt ?? null, stale: stale?.count ?? 0 },
    failing: { count: failing?.count ?? 0, why: failing?.why ?? null },
    failed: { count: failedCount?.count ?? 0, unmade: failedCount?.unmade ?? 0, latest },
    dead,
    webhooks: { count: webhooks?.count ?? 0, lastAt: webhooks?.lastAt ?? null },
    suppressed,
  };
}

/** "zojuist", "3 minuten geleden", "2 uur geleden", "4 dagen geleden": how long ago, roughly, in Dutch. */
export function ago(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return "zojuist";
  if (minutes < 60) return minutes === 1 ? "1 minuut geleden" : `${minutes} minuten geleden`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} uur geleden`;
  return `${Math.round(hours / 24)} dagen geleden`;
}

/** Why an attempt failed, as the author reads it. */
const FAILURES: Record<AttemptFailure, string> = {
  provider: "Resend nam de mails niet aan",
  storage: "de database gaf een fout",
  software: "er ging iets mis in de software",
};

/**
 * What needs the author, in plain Dutch, one sentence each; empty when all runs as it should.
 * Dead letters whose batch has gone out since need nothing more from her.
 */
export function needsAttention(health: SendHealth, now: number): string[] {
  const found: string[] = [];
  if (health.mail === "off")
    found.push(
      "Er gaat geen mail de deur uit: de sleutel van Resend (RESEND_API_KEY) ontbreekt. Alles wacht tot die er is.",
    );
  const lastRun = health.runs[0];
  if (!lastRun) found.push("Er is nog geen controle gelopen: staat de planning (cron) aan?");
  else if (now - lastRun.scheduledAt > CRON_LATE_AFTER_MS)
    found.push(`De laatste controle liep ${ago(now - lastRun.scheduledAt)}: er is iets mis met de planning.`);
  const dead = health.dead
    .filter((batch) => batch.completedAt === null)
    .reduce((sum, batch) => sum + batch.messages, 0);
  if (dead > 0)
    found.push(
      dead === 1
        ? "Er staat 1 mail in de wachtrij voor mislukte berichten."
        : `Er staan ${dead} mails in de wachtrij voor mislukte berichten.`,
    );
  if (health.open.stale > 0)
    found.push(
      health.open.stale === 1
        ? "Er staat 1 verzending al langer dan een half uur open."
        : `Er staan ${health.open.stale} verzendingen al langer dan een half uur open.`,
    );
  if (health.failing.count > 0)
    found.push(
      `${health.failing.count === 1 ? "1 verzending lukt" : `${health.failing.count} verzendingen lukken`} nog niet (${FAILURES[health.failing.why ?? "software"]}); de planning probeert het vanzelf opnieuw.`,
    );
  if (health.failed.unmade > 0)
    found.push(
      health.failed.unmade === 1
        ? "1 mail kon deze week niet worden opgemaakt en is niet verstuurd."
        : `${health.failed.unmade} mails konden deze week niet worden opgemaakt en zijn niet verstuurd.`,
    );
  if (health.failed.count > 0)
    found.push(
      health.failed.count === 1
        ? "1 mail werd deze week door Resend geweigerd."
        : `${health.failed.count} mails werden deze week door Resend geweigerd.`,
    );
  return found;
}
