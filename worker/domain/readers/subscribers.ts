import { and, eq, gt, ne, or, sql } from "drizzle-orm";
import type { Database } from "../../mechanisms/db/client.ts";
import { selectedRow } from "../../mechanisms/db/insert-select.ts";
import { consents, subscribers } from "../../mechanisms/db/schema.ts";
import type { Config } from "../../mechanisms/lib/config.ts";
import { hashToken, provenScope, randomId, storedTokenHash } from "../../mechanisms/lib/tokens.ts";
import { acceptedSecrets, currentSigner, unusedLinkHashes } from "../../mechanisms/mail/links.ts";
import { type Claim, claimIf } from "../../mechanisms/sending/batches.ts";
import { confirmationToken } from "../mails/confirmation.ts";
import { mailboxHash } from "./mailbox.ts";
import type { SignupInput } from "./signup-form.ts";
import { suppressionHashes } from "./suppression.ts";
import { slotHeldBy, takeSlotStatement } from "./throttle.ts";

export type Subscriber = typeof subscribers.$inferSelect;

/** Confirmation links stay valid this long. */
export const CONFIRM_TTL_MS = 7 * 86_400_000;
/**
 * The version of the privacy statement at /privacy, which the form links and the page shows;
 * stored with each consent. Change it with every change to what the statement says.
 */
export const PRIVACY_VERSION = "2026-12";

/** A signup as the route hands it over: `mailboxHash` is the keyed hash of `mailboxOf(email)`. */
export type SignupRequest = SignupInput & { ipHash: string | null; mailboxHash: string };

/**
 * Records a signup and claims its mail, for the caller to put on the send queue: a confirmation,
 * or, for a reader who is subscribed already, her own links (her page, her journal, leaving).
 * `requested` is false when no confirmation goes out (a subscribed reader, a suppressed address,
 * or a signup mail went to any spelling of this mailbox moments ago). Addresses are compared
 * case-insensitively. Every case does the same work, one read and one D1 batch whose statements
 * each check in SQL whether this signup took the mailbox's slot, and the caller enqueues the
 * claim either way: neither the answer nor its timing tells who is subscribed.
 * `newConsent: false` sends a fresh confirmation for consent already recorded (the author's resend).
 */
export async function requestSubscription(
  db: Database,
  cfg: Config,
  request: SignupRequest,
  now: number,
  { newConsent = true } = {},
): Promise<{ claim: Claim; requested: boolean }> {
  const existing = await findByEmail(db, request.email);
  const id = existing?.id ?? randomId();
  const nonce = randomId();
  const secrets = acceptedSecrets(cfg);
  const [confirmTokenHash, linkHashes, suppressed, earlierMailboxHashes] = await Promise.all([
    currentSigner(cfg).then((signer) => confirmationToken(signer, id, nonce).then(hashToken)),
    unusedLinkHashes(),
    suppressionHashes(secrets, request.email),
    Promise.all(secrets.slice(1).map((secret) => mailboxHash(secret, request.email))),
  ]);
  const confirm = { confirmTokenHash, confirmExpiresAt: now + CONFIRM_TTL_MS };
  const slotIsOurs = slotHeldBy(request.mailboxHash, nonce);
  // Only the signup holding the mailbox's slot writes; a reader who confirmed meanwhile is left alone.
  const write = existing
    ? db
        .update(subscribers)
        .set({ ...confirm, status: "pending", firstName: request.voornaam ?? existing.firstName })
        .where(and(eq(subscribers.id, id), ne(subscribers.status, "active"), slotIsOurs))
    : db
        .insert(subscribers)
        .select(
          sql`${selectedRow(subscribers, {
            id,
            email: request.email,
            firstName: request.voornaam ?? null,
            status: "pending",
            ...confirm,
            ...linkHashes,
            createdAt: now,
          })} where ${slotIsOurs}`,
        )
        .onConflictDoNothing();
  const written = sql`exists (select 1 from ${subscribers} where ${subscribers.id} = ${id} and ${subscribers.confirmTokenHash} = ${confirmTokenHash})`;
  const subscribed = sql`${slotIsOurs} and exists (select 1 from ${subscribers} where ${subscribers.id} = ${id} and ${subscribers.status} = 'active')`;
  const { claim, statements } = await claimIf(
    db,
    cfg,
    [
      { subscriberId: id, kind: "confirmation", ref: nonce, dueAt: now, when: written },
      { subscriberId: id, kind: "links", ref: nonce, dueAt: now, when: subscribed },
    ],
    now,
  );
  const results = await db.batch([
    takeSlotStatement(
      db,
      { mailboxHash: request.mailboxHash, earlierMailboxHashes, nonce, suppressionHashes: suppressed },
      now,
    ),
    write,
    ...(newConsent ? [consentIfWritten(db, id, confirmTokenHash, request, now)] : []),
    ...statements,
  ]);
  // One queue message per signup, whatever it ends in: the consumer sends by batch, so the message
  // names the mail the read expects, and a reader who confirmed in between still gets her links.
  const expected = claim.deliveryIds[existing?.status === "active" ? 1 : 0]!;
  return { claim: { ...claim, deliveryIds: [expected] }, requested: (results[1] as D1Result).meta.changes > 0 };
}

/** The consent row, inserted only if this signup's write went through (its fresh token hash is on the row). */
function consentIfWritten(db: Database, id: string, confirmTokenHash: string, request: SignupRequest, now: number) {
  return db.insert(consents).select(
    sql`${selectedRow(consents, {
      subscriberId: subscribers.id,
      source: request.bron,
      privacyVersion: PRIVACY_VERSION,
      ipHash: request.ipHash,
      createdAt: now,
    })} from ${subscribers} where ${and(eq(subscribers.id, id), eq(subscribers.confirmTokenHash, confirmTokenHash))}`,
  );
}

/**
 * The subscriber a confirmation link belongs to (while its key is still accepted): while the link
 * is valid, or, once it confirmed them, as long as they stay subscribed (a second click is then
 * told so, not that the link is dead).
 */
export async function findByConfirmToken(
  db: Database,
  cfg: Config,
  token: string,
  now: number,
): Promise<Subscriber | null> {
  const hash = await storedTokenHash(token, acceptedSecrets(cfg));
  if (!hash) return null;
  const row = await db
    .select()
    .from(subscribers)
    .where(
      and(
        eq(subscribers.confirmTokenHash, hash),
        or(gt(subscribers.confirmExpiresAt, now), eq(subscribers.status, "active")),
      ),
    )
    .get();
  return row ?? null;
}

/** The statement that marks a pending subscriber active; returns the id only when it changed something. */
export function confirmStatement(db: Database, id: string, now: number) {
  return db
    .update(subscribers)
    .set({ status: "active", confirmedAt: now, unsubscribedAt: null })
    .where(and(eq(subscribers.id, id), eq(subscribers.status, "pending")))
    .returning({ id: subscribers.id });
}

/**
 * The subscriber a reader's own link (unsubscribe or preferences) belongs to: a token made with
 * any accepted key proves the reader's id itself; a bare one from before key ids is found by
 * the hash stored at signup.
 */
export async function findByLinkToken(
  db: Database,
  cfg: Config,
  column: "unsubscribe" | "preferences",
  token: string,
): Promise<Subscriber | null> {
  const found = await provenScope(token, acceptedSecrets(cfg), column);
  if (!found) return null;
  const where =
    "scope" in found
      ? eq(subscribers.id, found.scope)
      : column === "unsubscribe"
        ? eq(subscribers.unsubscribeTokenHash, found.hash)
        : eq(subscribers.preferencesTokenHash, found.hash);
  return (await db.select().from(subscribers).where(where).get()) ?? null;
}

/** The subscriber with this address in any capitalisation (one mailbox is one subscriber). */
export async function findByEmail(db: Database, email: string): Promise<Subscriber | null> {
  return (await db.select().from(subscribers).where(sql`lower(${subscribers.email}) = lower(${email})`).get()) ?? null;
}
