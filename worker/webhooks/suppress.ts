import { eq, inArray, lt } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { subscribers, suppressions, webhookEvents } from "../db/schema.ts";
import { hashToken } from "../lib/tokens.ts";
import { stopCourses } from "../unsubscribe/unsubscribe.ts";
import { TOLERANCE_MS } from "./svix.ts";

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
 */
export async function pruneHandled(db: Database, now: number): Promise<void> {
  await db.delete(webhookEvents).where(lt(webhookEvents.receivedAt, now - 2 * TOLERANCE_MS));
}

/** What is kept of a suppressed address: a hash, never the address. */
export function emailHash(email: string): Promise<string> {
  return hashToken(`email:${email.toLowerCase()}`);
}

/**
 * Stops all mail to these addresses at once: the subscriber is suppressed, the
 * course stops, and a hash of the address is kept. Signing up again starts a
 * fresh, confirmed subscription.
 */
export async function suppress(
  db: Database,
  emails: string[],
  reason: "bounce" | "complaint",
  now: number,
): Promise<number> {
  if (emails.length === 0) return 0;
  const hashes = await Promise.all(emails.map(emailHash));
  const rows = await db
    .select({ id: subscribers.id })
    .from(subscribers)
    .where(inArray(subscribers.email, emails))
    .all();
  await db.batch([
    db
      .insert(suppressions)
      .values(hashes.map((emailHash) => ({ emailHash, reason, createdAt: now })))
      .onConflictDoNothing(),
    db.update(subscribers).set({ status: "suppressed", unsubscribedAt: now }).where(inArray(subscribers.email, emails)),
    stopCourses(
      db,
      rows.map((row) => row.id),
    ),
  ]);
  return rows.length;
}
