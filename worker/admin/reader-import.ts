import { inArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { createElement } from "react";
import { ConfirmEmail } from "../../emails/confirm-email.tsx";
import { config } from "../config.ts";
import { enrollStatement } from "../course/claim.ts";
import { database } from "../db/client.ts";
import { consents, subscribers } from "../db/schema.ts";
import { hashToken, randomId, randomToken } from "../lib/tokens.ts";
import { mailTransport } from "../mail/index.ts";
import { envelope, readerTokens } from "../mail/links.ts";
import { renderMail } from "../mail/render.ts";
import { MAX_BATCH } from "../mail/transport.ts";
import { CONFIRM_TTL_MS, confirmStatement, PRIVACY_VERSION } from "../signup/subscribers.ts";
import { suppressedAmong } from "../webhooks/suppress.ts";
import { type ImportSource, OPTED_IN_ELSEWHERE } from "./consent-sources.ts";
import type { Candidate, ImportProblem } from "./reader-list.ts";

/** Readers written per D1 batch: their rows, consents, and (opted in elsewhere) confirmation and enrollment. */
const READERS_PER_BATCH = 40;
/** D1 binds at most 100 parameters per statement; a new subscriber row takes 10. */
const SUBSCRIBERS_PER_INSERT = 9;

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

/** The statuses of these addresses among existing subscribers, by lower-cased address. */
async function existingStatuses(env: Env, emails: string[]) {
  const db = database(env);
  const found = new Map<string, keyof typeof existingLabels>();
  for (let start = 0; start < emails.length; start += 90) {
    const chunk = emails.slice(start, start + 90).map((email) => email.toLowerCase());
    const rows = await db
      .select({ email: subscribers.email, status: subscribers.status })
      .from(subscribers)
      .where(inArray(sql`lower(${subscribers.email})`, chunk))
      .all();
    for (const row of rows) found.set(row.email.toLowerCase(), row.status);
  }
  return found;
}

/**
 * Imports a list's good rows; every other row is reported with its line and why. Addresses
 * already known (in any state) and suppressed ones are left alone. Readers who opted in
 * elsewhere become active and enrolled with the statements a confirmation click runs; the
 * others are pending and get a confirmation mail. Each consent record names `source`.
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
    existingStatuses(env, emails),
    suppressedAmong(db, cfg.TOKEN_SECRET, emails),
  ]);
  const fresh = list.candidates.filter((candidate) => {
    const status = existing.get(candidate.email.toLowerCase());
    if (suppressed.has(candidate.email))
      problems.push({ line: candidate.line, reason: `Dit adres ${existingLabels.suppressed}.` });
    else if (status) problems.push({ line: candidate.line, reason: `Dit adres ${existingLabels[status]}.` });
    else return true;
    return false;
  });

  const optedIn = source === OPTED_IN_ELSEWHERE;
  const toMail: { id: string; email: string; firstName: string | null; token: string }[] = [];
  let imported = 0;
  for (let start = 0; start < fresh.length; start += READERS_PER_BATCH) {
    const readers = await Promise.all(
      fresh.slice(start, start + READERS_PER_BATCH).map(async (candidate) => {
        const id = randomId();
        const token = optedIn ? null : randomToken();
        const { unsubscribeToken, preferencesToken } = await readerTokens(cfg, id);
        return {
          candidate,
          token,
          row: {
            id,
            email: candidate.email,
            firstName: candidate.firstName,
            status: "pending" as const,
            confirmTokenHash: token ? await hashToken(token) : null,
            confirmExpiresAt: token ? now + CONFIRM_TTL_MS : null,
            unsubscribeTokenHash: await hashToken(unsubscribeToken),
            preferencesTokenHash: await hashToken(preferencesToken),
            createdAt: now,
          },
        };
      }),
    );
    const ids = readers.map((reader) => reader.row.id);
    const statements: BatchItem<"sqlite">[] = [];
    for (let i = 0; i < readers.length; i += SUBSCRIBERS_PER_INSERT)
      statements.push(
        db
          .insert(subscribers)
          .values(readers.slice(i, i + SUBSCRIBERS_PER_INSERT).map((reader) => reader.row))
          .onConflictDoNothing()
          .returning({ id: subscribers.id }),
      );
    const inserts = statements.length;
    // The consent goes in only for a reader whose row did (a signup of the same address may have won the race).
    statements.push(
      db.insert(consents).select(
        db
          .select({
            id: sql<number>`null`.as("id"),
            subscriberId: subscribers.id,
            source: sql<string>`${source}`.as("source"),
            privacyVersion: sql<string>`${PRIVACY_VERSION}`.as("privacy_version"),
            ipHash: sql<string | null>`null`.as("ip_hash"),
            createdAt: sql<number>`${now}`.as("created_at"),
          })
          .from(subscribers)
          .where(inArray(subscribers.id, ids)),
      ),
    );
    if (optedIn) for (const id of ids) statements.push(confirmStatement(db, id, now), enrollStatement(db, id, now));
    const results = (await db.batch(statements as [BatchItem<"sqlite">])) as unknown[];
    const written = new Set(
      (results.slice(0, inserts) as { id: string }[][]).flatMap((rows) => rows.map((row) => row.id)),
    );
    for (const reader of readers) {
      if (!written.has(reader.row.id)) {
        problems.push({ line: reader.candidate.line, reason: `Dit adres ${existingLabels.pending}.` });
        continue;
      }
      imported++;
      if (reader.token) toMail.push({ ...reader.candidate, id: reader.row.id, token: reader.token });
    }
  }
  await mailConfirmations(env, toMail, now);
  problems.sort((a, b) => a.line - b.line);
  return { imported, mailed: toMail.length, problems };
}

/** The confirmation mails of an import, up to 100 per transport call. */
async function mailConfirmations(
  env: Env,
  readers: { id: string; email: string; firstName: string | null; token: string }[],
  now: number,
): Promise<void> {
  const cfg = config(env);
  const transport = mailTransport(env);
  for (let start = 0; start < readers.length; start += MAX_BATCH) {
    const chunk = readers.slice(start, start + MAX_BATCH);
    const mails = await Promise.all(
      chunk.map(async (reader) => ({
        ...envelope(cfg, reader.email, "Bevestig je inschrijving"),
        ...(await renderMail(
          createElement(ConfirmEmail, {
            firstName: reader.firstName ?? undefined,
            confirmUrl: `${cfg.PUBLIC_URL}/bevestig/${reader.token}`,
          }),
        )),
        headers: {},
        idempotencyKey: `confirm/${reader.id}/${now}`,
      })),
    );
    await transport.sendBatch(mails, `import/${chunk[0]!.id}/${now}`);
  }
}
