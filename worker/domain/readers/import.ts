import { inArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { database } from "../../mechanisms/db/client.ts";
import { selectedRow } from "../../mechanisms/db/insert-select.ts";
import { consents, subscribers } from "../../mechanisms/db/schema.ts";
import { config } from "../../mechanisms/lib/config.ts";
import { hashToken, randomId } from "../../mechanisms/lib/tokens.ts";
import { acceptedSecrets, currentSigner, unusedLinkHashes } from "../../mechanisms/mail/links.ts";
import { MAX_BATCH } from "../../mechanisms/mail/transport.ts";
import { insertBatch } from "../../mechanisms/sending/batches.ts";
import { enqueue } from "../../mechanisms/sending/queue.ts";
import { enrollStatement } from "../course/claim.ts";
import { confirmationToken } from "../mails/confirmation.ts";
import { type ImportSource, OPTED_IN_ELSEWHERE } from "./consent-sources.ts";
import { mailboxHash, mailboxOf, mailboxSql } from "./mailbox.ts";
import type { Candidate, ImportProblem } from "./reader-list.ts";
import { CONFIRM_TTL_MS, confirmStatement, PRIVACY_VERSION } from "./subscribers.ts";
import { suppressedAmong } from "./suppression.ts";
import { holdSlotsStatements } from "./throttle.ts";

/** Readers written per D1 batch (their rows, consents, mails, and if opted in elsewhere their confirmation and enrollment): one send batch. */
const READERS_PER_BATCH = MAX_BATCH;
/** D1 binds at most 100 parameters per statement; a new subscriber row takes 9 to 11. */
const SUBSCRIBERS_PER_INSERT = 8;
/** Ids per `in (...)` list, leaving room for a statement's other parameters. */
const IDS_PER_STATEMENT = 90;

/** What an import did: readers added, how many of them were mailed, and every row left out. */
export type ImportReport = {
  imported: number;
  /** Readers who got a confirmation mail (the rest were active at once, having opted in elsewhere). */
  mailed: number;
  problems: ImportProblem[];
};

const existingLabels = {
  pending: "wacht al op bevestiging",
  active: "is al ingeschreven",
  unsubscribed: "heeft zich eerder afgemeld; alleen de lezer zelf kan zich opnieuw inschrijven",
  suppressed: "krijgt geen mail meer na een bounce of klacht",
} as const;

/** Existing subscribers of these addresses' mailboxes, however spelt there, by `mailboxOf`. */
async function existingReaders(env: Env, emails: string[]) {
  const mailboxes = JSON.stringify([...new Set(emails.map(mailboxOf))]);
  // One bound JSON list instead of `in (...)` chunks: the mailbox of every row is computed, so read them once.
  const rows = await database(env)
    .select({ email: subscribers.email, status: subscribers.status })
    .from(subscribers)
    .where(sql`${mailboxSql(subscribers.email)} in (select value from json_each(${mailboxes}))`)
    .all();
  return new Map<string, { email: string; status: keyof typeof existingLabels }>(
    rows.map((row) => [mailboxOf(row.email), row]),
  );
}

/** Why a row whose mailbox a reader already has is left out: that very address, or another spelling of it. */
function knownAs(email: string, existing: { email: string; status: keyof typeof existingLabels }): string {
  return email.toLowerCase() === existing.email.toLowerCase()
    ? `Dit adres ${existingLabels[existing.status]}.`
    : `Dit adres komt in dezelfde mailbox aan als ${existing.email}, dat ${existingLabels[existing.status]}.`;
}

/**
 * Imports a list's good rows; every other row is reported with its line and why. Addresses
 * already known (in any state) and suppressed ones are left alone. Readers who opted in
 * elsewhere become active and enrolled with the statements a confirmation click runs, and
 * get the welcome mail (their first lesson follows with the next send run, as it is due);
 * the others are pending and get a confirmation mail. Each consent record names `source`.
 */
export async function importReaders(
  env: Env,
  list: { candidates: Candidate[]; problems: ImportProblem[] },
  source: ImportSource,
  now: number,
): Promise<ImportReport> {
  const cfg = config(env);
  const db = database(env);
  const problems = [...list.problems];
  const emails = list.candidates.map((candidate) => candidate.email);
  const [existing, suppressed] = await Promise.all([
    existingReaders(env, emails),
    suppressedAmong(db, acceptedSecrets(cfg), emails),
  ]);
  const fresh = list.candidates.filter((candidate) => {
    const known = existing.get(mailboxOf(candidate.email));
    if (suppressed.has(candidate.email))
      problems.push({ line: candidate.line, reason: `Dit adres ${existingLabels.suppressed}.` });
    else if (known) problems.push({ line: candidate.line, reason: knownAs(candidate.email, known) });
    else return true;
    return false;
  });

  const optedIn = source === OPTED_IN_ELSEWHERE;
  const signer = await currentSigner(cfg);
  let imported = 0;
  for (let start = 0; start < fresh.length; start += READERS_PER_BATCH) {
    const readers = await Promise.all(
      fresh.slice(start, start + READERS_PER_BATCH).map(async (candidate) => {
        const id = randomId();
        // What this import's mail to the reader is of, as a signup's nonce is for its confirmation.
        const nonce = randomId();
        return {
          candidate,
          nonce,
          mailboxHash: await mailboxHash(cfg.TOKEN_SECRET, candidate.email),
          row: {
            id,
            email: candidate.email,
            firstName: candidate.firstName,
            status: "pending" as const,
            confirmTokenHash: optedIn ? null : await hashToken(await confirmationToken(signer, id, nonce)),
            confirmExpiresAt: optedIn ? null : now + CONFIRM_TTL_MS,
            ...(await unusedLinkHashes()),
            createdAt: now,
          },
        };
      }),
    );
    const ids = readers.map((reader) => reader.row.id);
    const writes: BatchItem<"sqlite">[] = [];
    for (let i = 0; i < readers.length; i += SUBSCRIBERS_PER_INSERT)
      writes.push(
        db
          .insert(subscribers)
          .values(readers.slice(i, i + SUBSCRIBERS_PER_INSERT).map((reader) => reader.row))
          .onConflictDoNothing(),
      );
    // The consent goes in only for a reader whose row did (a signup of the same address may have won the race).
    for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT)
      writes.push(
        db.insert(consents).select(
          sql`${selectedRow(consents, { subscriberId: subscribers.id, source, privacyVersion: PRIVACY_VERSION, createdAt: now })}
              from ${subscribers} where ${inArray(subscribers.id, ids.slice(i, i + IDS_PER_STATEMENT))}`,
        ),
      );
    if (optedIn) for (const id of ids) writes.push(confirmStatement(db, id, now), enrollStatement(db, id, now));
    // An imported reader's mail counts as the mailbox's signup mail: the form sends no other spelling of it one right after.
    writes.push(...holdSlotsStatements(db, readers, now));
    // Their mails are claimed with the writes, as a signup's confirmation and a click's welcome are.
    const claim = await insertBatch(
      db,
      cfg,
      readers.map((reader) => ({
        subscriberId: reader.row.id,
        kind: optedIn ? ("welcome" as const) : ("confirmation" as const),
        ref: reader.nonce,
        dueAt: now,
      })),
      now,
      writes,
    );
    await enqueue(env, claim);
    const written = new Set<string>();
    for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT)
      for (const row of await db
        .select({ id: subscribers.id })
        .from(subscribers)
        .where(inArray(subscribers.id, ids.slice(i, i + IDS_PER_STATEMENT)))
        .all())
        written.add(row.id);
    for (const reader of readers) {
      if (written.has(reader.row.id)) imported++;
      else problems.push({ line: reader.candidate.line, reason: `Dit adres ${existingLabels.pending}.` });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { imported, mailed: optedIn ? 0 : imported, problems };
}
