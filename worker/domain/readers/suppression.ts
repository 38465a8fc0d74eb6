import { and, desc, eq, inArray, lt, notInArray } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { subscribers, suppressions, webhookEvents } from "../../mechanisms/db/schema.ts";
import { TOLERANCE_MS } from "../../mechanisms/lib/svix.ts";
import { deriveToken, hashToken } from "../../mechanisms/lib/tokens.ts";
import { mailboxOf, mailboxSql } from "./mailbox.ts";
import { stopCourses } from "./unsubscribe.ts";

/** True when a webhook with this Svix id was handled before (a replay). */
export async function handledBefore(db: Database, svixId: string): Promise<boolean> {
  return (
    (await db
      .select({ id: webhookEvents.svixId })
      .from(webhookEvents)
      .where(eq(webhookEvents.svixId, svixId))
      .get()) !== undefined
  );
}

/** Remembers a handled webhook, after its effect, so a failure in between lets Resend's retry redo it. */
export async function markHandled(db: Database, svixId: string, now: number): Promise<void> {
  await db.insert(webhookEvents).values({ svixId, receivedAt: now }).onConflictDoNothing();
}

/**
 * Forgets handled webhook ids that can no longer be replayed: a timestamp may be up to the
 * tolerance ahead of our clock when it arrives and is refused once it is that far behind.
 * The newest stays, so the status page can tell when Resend last reached the Worker.
 */
export async function pruneHandled(db: Database, now: number): Promise<void> {
  const newest = db
    .select({ id: webhookEvents.svixId })
    .from(webhookEvents)
    .orderBy(desc(webhookEvents.receivedAt))
    .limit(1);
  await db
    .delete(webhookEvents)
    .where(and(lt(webhookEvents.receivedAt, now - 2 * TOLERANCE_MS), notInArray(webhookEvents.svixId, newest)));
}

/**
 * What is kept of a suppressed mailbox: a keyed hash of `mailboxOf` (every spelling of one mailbox
 * gives the same), never the address, and not a hash anyone could compute from a list of addresses.
 */
function suppressionHash(secret: string, email: string): Promise<string> {
  return deriveToken(secret, "suppression", mailboxOf(email));
}

/**
 * The keys a suppression may have been written with: every key still accepted (TOKEN_SECRET and
 * TOKEN_SECRET_PREVIOUS, see acceptedSecrets), so a suppression written before a rotation holds after it.
 */
export type SuppressionKeys = readonly string[];

/**
 * Every hash an address may be suppressed under: the mailbox's under each key; the lower-cased
 * address's under each key, as suppressions were kept before they went by mailbox (those cannot be
 * rewritten: an erased reader's address is gone); and the plain one rows from before keys carry.
 */
export async function suppressionHashes(keys: SuppressionKeys, email: string): Promise<string[]> {
  const spellings = [...new Set([mailboxOf(email), email.toLowerCase()])];
  const keyed = keys.flatMap((secret) => spellings.map((spelling) => deriveToken(secret, "suppression", spelling)));
  return [...(await Promise.all(keyed)), await hashToken(`email:${email.toLowerCase()}`)];
}

/** Why the address gets no mail (a hard bounce or a complaint), or null when it is not suppressed. */
export async function suppressionReason(
  db: Database,
  keys: SuppressionKeys,
  email: string,
): Promise<"bounce" | "complaint" | null> {
  const row = await db
    .select({ reason: suppressions.reason })
    .from(suppressions)
    .where(inArray(suppressions.emailHash, await suppressionHashes(keys, email)))
    .get();
  return row?.reason ?? null;
}

/** Which of these addresses are suppressed (as given), with one query per 33 addresses (fewer with earlier keys) rather than one per address. */
export async function suppressedAmong(db: Database, keys: SuppressionKeys, emails: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  // D1 binds at most 100 parameters: each address takes two per key and one plain.
  const perQuery = Math.max(1, Math.floor(100 / (2 * keys.length + 1)));
  for (let start = 0; start < emails.length; start += perQuery) {
    const chunk = emails.slice(start, start + perQuery);
    const hashed = await Promise.all(
      chunk.map(async (email) => ({ email, hashes: await suppressionHashes(keys, email) })),
    );
    const rows = await db
      .select({ hash: suppressions.emailHash })
      .from(suppressions)
      .where(
        inArray(
          suppressions.emailHash,
          hashed.flatMap((entry) => entry.hashes),
        ),
      )
      .all();
    const hit = new Set(rows.map((row) => row.hash));
    for (const entry of hashed) if (entry.hashes.some((hash) => hit.has(hash))) found.add(entry.email);
  }
  return found;
}

/** Rows whose address delivers to the mailbox of one of these, however it is spelt. */
const mailboxIn = (emails: string[]) => inArray(mailboxSql(subscribers.email), emails.map(mailboxOf));

/** D1 binds at most 100 parameters per statement; a suppression row takes 3. */
const SUPPRESSIONS_PER_INSERT = 30;

/**
 * Stops all mail to these addresses' mailboxes at once and for good: every subscriber of such a
 * mailbox is suppressed and their course stops, and a keyed hash of the mailbox is kept, so the
 * public form and an import never mail it again, under any spelling (only the author can lift it).
 */
export async function suppress(
  db: Database,
  secret: string,
  emails: string[],
  reason: "bounce" | "complaint",
  now: number,
): Promise<number> {
  if (emails.length === 0) return 0;
  const hashes = await Promise.all(emails.map((email) => suppressionHash(secret, email)));
  const rows = await db.select({ id: subscribers.id }).from(subscribers).where(mailboxIn(emails)).all();
  const rowsOf = hashes.map((emailHash) => ({ emailHash, reason, createdAt: now }));
  const inserts = [];
  for (let start = 0; start < rowsOf.length; start += SUPPRESSIONS_PER_INSERT)
    inserts.push(
      db
        .insert(suppressions)
        .values(rowsOf.slice(start, start + SUPPRESSIONS_PER_INSERT))
        .onConflictDoNothing(),
    );
  await db.batch([
    db.update(subscribers).set({ status: "suppressed", unsubscribedAt: now }).where(mailboxIn(emails)),
    stopCourses(
      db,
      rows.map((row) => row.id),
    ),
    ...inserts,
  ]);
  return rows.length;
}

/**
 * Lifts a suppression (the author's decision): the hashes go, under every key, and a suppressed
 * reader becomes an ordinary former reader who may sign up again. False when nothing was suppressed.
 */
export async function liftSuppression(db: Database, keys: SuppressionKeys, email: string): Promise<boolean> {
  const [removed] = await db.batch([
    db
      .delete(suppressions)
      .where(inArray(suppressions.emailHash, await suppressionHashes(keys, email)))
      .returning({ hash: suppressions.emailHash }),
    db
      .update(subscribers)
      .set({ status: "unsubscribed" })
      .where(and(mailboxIn([email]), eq(subscribers.status, "suppressed"))),
  ]);
  return removed.length > 0;
}
