import { eq, inArray, lt, lte, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { selectedRow } from "../../mechanisms/db/insert-select.ts";
import { confirmationThrottle, suppressions } from "../../mechanisms/db/schema.ts";

/** A signup mail (confirmation or a reader's own links) to one mailbox goes out at most this often, whatever spelling of it was typed. */
export const CONFIRM_RESEND_INTERVAL_MS = 10 * 60_000;

/** True inside a signup's statements once its own nonce holds the mailbox's slot. */
export function slotHeldBy(mailboxHash: string, nonce: string): SQL {
  return sql`exists (select 1 from ${confirmationThrottle} where ${confirmationThrottle.mailboxHash} = ${mailboxHash} and ${confirmationThrottle.nonce} = ${nonce})`;
}

/**
 * The statement that takes the mailbox's one signup mail of this interval (a confirmation, or a
 * subscribed reader's own links) for the signup `nonce`, unless the address is suppressed or a
 * mail went to any spelling of the mailbox moments ago. One guarded upsert, so of racing signups
 * at most one gets it; the signup's other statements check `slotHeldBy` and do nothing otherwise.
 * A slot taken under an earlier key (`earlierMailboxHashes`, one per key in TOKEN_SECRET_PREVIOUS)
 * still holds, so a rotation never lets a second mail through early.
 */
export function takeSlotStatement(
  db: Database,
  slot: { mailboxHash: string; earlierMailboxHashes: string[]; nonce: string; suppressionHashes: string[] },
  now: number,
) {
  const heldUnderEarlierKey =
    slot.earlierMailboxHashes.length > 0
      ? sql`and not exists (select 1 from ${confirmationThrottle} where ${inArray(confirmationThrottle.mailboxHash, slot.earlierMailboxHashes)} and ${confirmationThrottle.sentAt} > ${now - CONFIRM_RESEND_INTERVAL_MS})`
      : sql``;
  return db
    .insert(confirmationThrottle)
    .select(
      sql`${selectedRow(confirmationThrottle, { mailboxHash: slot.mailboxHash, sentAt: now, nonce: slot.nonce })}
        where not exists (select 1 from ${suppressions} where ${inArray(suppressions.emailHash, slot.suppressionHashes)})
          ${heldUnderEarlierKey}`,
    )
    .onConflictDoUpdate({
      target: confirmationThrottle.mailboxHash,
      set: { sentAt: sql`excluded.sent_at`, nonce: sql`excluded.nonce` },
      where: lte(confirmationThrottle.sentAt, now - CONFIRM_RESEND_INTERVAL_MS),
    });
}

/** Slots per insert: D1 binds at most 100 parameters, and a slot takes three. */
const SLOTS_PER_INSERT = 30;

/**
 * The statements that give these mailboxes' slots to mails claimed outside the form (an import's
 * confirmation or welcome), so the form sends no other spelling of them one within the interval.
 */
export function holdSlotsStatements(db: Database, slots: { mailboxHash: string; nonce: string }[], now: number) {
  const statements = [];
  for (let start = 0; start < slots.length; start += SLOTS_PER_INSERT)
    statements.push(
      db
        .insert(confirmationThrottle)
        .values(
          slots
            .slice(start, start + SLOTS_PER_INSERT)
            .map((slot) => ({ mailboxHash: slot.mailboxHash, nonce: slot.nonce, sentAt: now })),
        )
        .onConflictDoUpdate({
          target: confirmationThrottle.mailboxHash,
          set: { sentAt: sql`excluded.sent_at`, nonce: sql`excluded.nonce` },
        }),
    );
  return statements;
}

/** Gives the slot back after a mail could not be sent, so the reader can simply try again. */
export async function releaseConfirmationSlot(db: Database, mailboxHash: string): Promise<void> {
  await db.delete(confirmationThrottle).where(eq(confirmationThrottle.mailboxHash, mailboxHash));
}

/** Forgets slots that no longer hold anything back. */
export async function pruneConfirmationSlots(db: Database, now: number): Promise<void> {
  await db.delete(confirmationThrottle).where(lt(confirmationThrottle.sentAt, now - CONFIRM_RESEND_INTERVAL_MS));
}
