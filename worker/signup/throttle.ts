import { eq, lt, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { confirmationThrottle } from "../db/schema.ts";

/** A new confirmation mail to one mailbox goes out at most this often, whatever spelling of it was typed. */
export const CONFIRM_RESEND_INTERVAL_MS = 10 * 60_000;

/**
 * Takes the mailbox's one confirmation mail of this interval: true when it was free (and is
 * now taken), false when a mail went to any spelling of it moments ago. One guarded upsert,
 * so of racing signups exactly one gets it.
 */
export async function takeConfirmationSlot(db: Database, mailboxHash: string, now: number): Promise<boolean> {
  const taken = await db
    .insert(confirmationThrottle)
    .values({ mailboxHash, sentAt: now })
    .onConflictDoUpdate({
      target: confirmationThrottle.mailboxHash,
      set: { sentAt: now },
      where: sql`${confirmationThrottle.sentAt} <= ${now - CONFIRM_RESEND_INTERVAL_MS}`,
    })
    .returning({ mailboxHash: confirmationThrottle.mailboxHash });
  return taken.length > 0;
}

/** Gives the slot back after a mail could not be sent, so the reader can simply try again. */
export async function releaseConfirmationSlot(db: Database, mailboxHash: string): Promise<void> {
  await db.delete(confirmationThrottle).where(eq(confirmationThrottle.mailboxHash, mailboxHash));
}

/** Forgets slots that no longer hold anything back. */
export async function pruneConfirmationSlots(db: Database, now: number): Promise<void> {
  await db.delete(confirmationThrottle).where(lt(confirmationThrottle.sentAt, now - CONFIRM_RESEND_INTERVAL_MS));
}
