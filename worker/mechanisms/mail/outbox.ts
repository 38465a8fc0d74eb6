import { desc, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { outbox } from "../db/schema.ts";
import type { MailTransport, OutgoingMail, SendOutcome } from "./transport.ts";

/** Keeps mail in D1 instead of sending it: the local stand-in for Resend. */
export function outboxTransport(db: Database): MailTransport {
  async function keep(mails: OutgoingMail[]): Promise<SendOutcome[]> {
    if (mails.length === 0) return [];
    const inserts = mails.map(({ to, from, subject, html, text, headers, idempotencyKey }) =>
      db
        .insert(outbox)
        .values({ to, from, subject, html, text, headers, idempotencyKey })
        .onConflictDoUpdate({ target: outbox.idempotencyKey, set: { idempotencyKey: sql`excluded.idempotency_key` } })
        .returning({ id: outbox.id }),
    );
    const results = (await db.batch(inserts as [(typeof inserts)[number]])) as { id: number }[][];
    return results.map(([row]) => ({ ok: true, id: `outbox-${row!.id}` }));
  }
  return {
    send: async (mail) => (await keep([mail]))[0]!,
    sendBatch: (mails) => keep(mails),
  };
}

export type OutboxMail = typeof outbox.$inferSelect;

/** The kept mails, newest first. */
export function listOutbox(db: Database, limit = 200): Promise<OutboxMail[]> {
  return db.select().from(outbox).orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(limit).all();
}

export async function findOutboxMail(db: Database, id: number): Promise<OutboxMail | null> {
  return (await db.select().from(outbox).where(eq(outbox.id, id)).get()) ?? null;
}
