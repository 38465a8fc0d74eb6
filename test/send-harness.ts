import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { getTableColumns } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { composers } from "../worker/domain/mails/index.ts";
import { type ClaimBudget, type ClaimMessage, consumeClaims } from "../worker/domain/schedule/claim-chain.ts";
import type { HousekeepingMessage } from "../worker/domain/schedule/housekeeping.ts";
import { database } from "../worker/mechanisms/db/client.ts";
import { enrollments, subscribers } from "../worker/mechanisms/db/schema.ts";
import { resendTransport } from "../worker/mechanisms/mail/resend.ts";
import type { MailTransport } from "../worker/mechanisms/mail/transport.ts";
import { consumeDeliveries, type DeliveryMessage } from "../worker/mechanisms/sending/queue.ts";
import type { Fault } from "./fake-resend.ts";
import { fakeResend } from "./resend-spec.ts";

/** Rows per insert: D1 binds at most 100 parameters per statement, and drizzle binds up to one per column. */
function rowsPerInsert(table: typeof subscribers | typeof enrollments): number {
  return Math.floor(100 / Object.keys(getTableColumns(table)).length);
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) =>
    items.slice(index * size, (index + 1) * size),
  );
}

/** Readers seeded per round: a million at once would hold every statement in memory together. */
const SEED_ROUND = 50_000;

/** Lessons a seeded reader has had, as a claim records them: their slugs, and when the last was claimed. */
export type SeededProgress = { received: string[]; lastLessonAt: number };

/**
 * Inserts `count` confirmed readers whose next lesson is due at `dueAt`: their first, unless
 * `progress` says which they had; returns their addresses.
 */
export async function seedReaders(
  env: Env,
  prefix: string,
  count: number,
  dueAt: number,
  progress?: SeededProgress,
): Promise<string[]> {
  let emails: string[] = [];
  for (let start = 0; start < count; start += SEED_ROUND)
    emails = emails.concat(await seedRound(env, prefix, start, Math.min(count, start + SEED_ROUND), dueAt, progress));
  return emails;
}

/** Stops the seeded readers of `prefix`, so the runs after claim only their own. */
export async function stopReaders(env: Env, prefix: string): Promise<void> {
  await env.DB.prepare("UPDATE enrollments SET state = 'stopped' WHERE subscriber_id LIKE ?").bind(`${prefix}-%`).run();
}

async function seedRound(
  env: Env,
  prefix: string,
  from: number,
  to: number,
  dueAt: number,
  progress?: SeededProgress,
): Promise<string[]> {
  const db = database(env);
  const ids = Array.from({ length: to - from }, (_, index) => `${prefix}-${from + index}`);
  const readers = ids.map((id, index) => ({
    id,
    email: `${id}@lezers.test`,
    firstName: (from + index) % 3 === 0 ? null : `Lezer ${from + index}`,
    status: "active" as const,
    unsubscribeTokenHash: `u-${id}`,
    preferencesTokenHash: `p-${id}`,
    createdAt: dueAt,
  }));
  const courses = ids.map((id) => ({
    subscriberId: id,
    state: "active" as const,
    nextSendAt: dueAt,
    createdAt: dueAt,
    ...(progress ? { received: JSON.stringify(progress.received), lastLessonAt: progress.lastLessonAt } : {}),
  }));
  const statements: BatchItem<"sqlite">[] = [
    ...chunks(readers, rowsPerInsert(subscribers)).map((rows) => db.insert(subscribers).values(rows)),
    ...chunks(courses, rowsPerInsert(enrollments)).map((rows) => db.insert(enrollments).values(rows)),
  ];
  for (const batch of chunks(statements, 500)) await db.batch(batch as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  return readers.map((reader) => reader.email);
}

type Queued = { id: string; body: DeliveryMessage; attempts: number };

/**
 * A stand-in for the Cloudflare Queue between the cron and the consumer, as
 * unreliable as the platform allows: it can deliver every message twice, in
 * shuffled batches, and can fail `sendBatch` after the claim.
 */
export class SimulatedQueue {
  pending: Queued[] = [];
  failSends = 0;
  /** `sendBatch` calls, and the messages they carried. */
  sent = 0;
  messages = 0;
  #next = 0;

  /** `discard`: count what is sent and keep none of it (a claim-only run of a million readers). */
  constructor(readonly options: { duplicate?: boolean; random?: () => number; discard?: boolean } = {}) {}

  async sendBatch(messages: { body: DeliveryMessage }[]): Promise<void> {
    if (messages.length > 100) throw new Error("a queue sendBatch takes at most 100 messages");
    if (this.failSends > 0) {
      this.failSends--;
      throw new Error("queue unavailable");
    }
    this.sent++;
    this.messages += messages.length;
    if (this.options.discard) return;
    for (const { body } of messages) {
      this.pending.push({ id: `m${this.#next++}`, body, attempts: 1 });
      if (this.options.duplicate) this.pending.push({ id: `m${this.#next++}`, body, attempts: 1 });
    }
  }

  #take(): Queued[] {
    const random = this.options.random;
    if (random) {
      for (let i = this.pending.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [this.pending[i], this.pending[j]] = [this.pending[j]!, this.pending[i]!];
      }
    }
    return this.pending.splice(0, 100);
  }

  /**
   * One consumer invocation: up to 100 messages to the real consumer, and what it retries or
   * throws on back in line (unless it used up `maxAttempts`). False when nothing was waiting.
   */
  async deliverOnce(
    workerEnv: Env,
    transport: MailTransport,
    maxAttempts = 20,
  ): Promise<{ delivered: boolean; deadLettered: number }> {
    if (this.pending.length === 0) return { delivered: false, deadLettered: 0 };
    const taken = this.#take();
    const batch = createMessageBatch<DeliveryMessage>(
      "lesson-deliveries",
      taken.map((m) => ({ ...m, timestamp: new Date() })),
    );
    let retried: Queued[];
    try {
      await consumeDeliveries(batch, workerEnv, composers, transport);
      const result = await getQueueResult(batch, createExecutionContext());
      const again = new Set(result.retryMessages.map((m) => m.msgId));
      retried = taken.filter((m) => again.has(m.id));
    } catch {
      retried = taken;
    }
    let deadLettered = 0;
    for (const message of retried) {
      if (message.attempts >= maxAttempts) deadLettered++;
      else this.pending.push({ ...message, attempts: message.attempts + 1 });
    }
    return { delivered: true, deadLettered };
  }

  /** Delivers everything to the real consumer, batch by batch, redelivering what it retries or throws on. */
  async drain(
    workerEnv: Env,
    transport: MailTransport,
    maxAttempts = 20,
  ): Promise<{ batches: number; deadLettered: number }> {
    let batches = 0;
    let deadLettered = 0;
    for (;;) {
      const step = await this.deliverOnce(workerEnv, transport, maxAttempts);
      if (!step.delivered) return { batches, deadLettered };
      batches++;
      deadLettered += step.deadLettered;
    }
  }
}

type ClaimQueueMessage = ClaimMessage | DeliveryMessage | HousekeepingMessage;

/**
 * A stand-in for the claim queue (wrangler.toml's send-claims): it keeps what a run hands on,
 * and `next` hands the oldest message to the real consumer, as one invocation would.
 */
export class SimulatedClaimQueue {
  /** Hand-ons, and on Workers Free (PLAN=free) also send batches (see enqueue) and housekeeping. */
  pending: ClaimQueueMessage[] = [];
  sent = 0;
  #next = 0;

  async send(body: ClaimQueueMessage): Promise<void> {
    this.sent++;
    this.pending.push(body);
  }

  /** One consumer invocation of the oldest message; false when nothing was waiting. */
  async next(workerEnv: Env, budget?: ClaimBudget, transport?: MailTransport): Promise<boolean> {
    const body = this.pending.shift();
    if (!body) return false;
    await this.consume(body, workerEnv, budget, transport);
    return true;
  }

  /** One consumer invocation of `body`, as if it were the next message. */
  async consume(body: ClaimQueueMessage, workerEnv: Env, budget?: ClaimBudget, transport?: MailTransport) {
    const batch = createMessageBatch<unknown>("send-claims", [
      { id: `c${this.#next++}`, timestamp: new Date(), attempts: 1, body },
    ]);
    await consumeClaims(batch, workerEnv, budget, transport);
  }

  /** Runs the chain to its end; how many invocations it took. */
  async drain(workerEnv: Env, budget?: ClaimBudget): Promise<number> {
    let invocations = 0;
    while (await this.next(workerEnv, budget)) invocations++;
    return invocations;
  }
}

/** The Worker's env with the queue bindings replaced (a claim queue of its own unless one is given). */
export function envWithQueue(queue: SimulatedQueue, overrides: Partial<Env> = {}): Env {
  return {
    ...env,
    CLAIMS: new SimulatedClaimQueue() as unknown as Queue,
    ...overrides,
    DELIVERIES: queue as unknown as Queue,
  };
}

/** A small seeded PRNG, so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Counts what the fake accepted per reader and subject: how many distinct mails, and how many came more than once. */
export function tally(accepted: { to: string[]; subject: string }[], emails: string[]) {
  const mine = new Set(emails);
  const counts = new Map<string, number>();
  for (const mail of accepted) {
    const to = mail.to[0]!;
    if (mine.has(to)) counts.set(`${to}|${mail.subject}`, (counts.get(`${to}|${mail.subject}`) ?? 0) + 1);
  }
  return { duplicates: [...counts.values()].filter((n) => n > 1).length, total: counts.size };
}

/** The fake Resend failing about one request in five, in every way it can fail. */
export function flakyResend(random: () => number) {
  const faults: Fault[] = [{ status: 500 }, { status: 503 }, { status: 429, retryAfter: "0" }, "timeout", "drop"];
  const played = { count: 0 };
  const fake = fakeResend({
    fault: () => {
      if (random() >= 0.2) return null;
      played.count++;
      return faults[Math.floor(random() * faults.length)]!;
    },
  });
  return Object.assign(fake, { played });
}

/**
 * A consumer that dies right after Resend accepted a batch, before recording it: every time, or
 * when `dies` says so (asked once the batch is accepted).
 */
export function diesAfterSending(inner: MailTransport, dies: () => boolean = () => true): MailTransport {
  return {
    send: (mail) => inner.send(mail),
    async sendBatch(mails, key) {
      const outcomes = await inner.sendBatch(mails, key);
      if (dies()) throw new Error("consumer died after Resend accepted");
      return outcomes;
    },
  };
}

/**
 * Everything a fault test sends through: the fake Resend failing one request in five, the real
 * transport over it in a consumer that now and then dies right after Resend accepted, and a
 * queue that delivers every message twice, in shuffled batches; all from one seed.
 */
export function flakySending(seed: number) {
  const random = seededRandom(seed);
  const fake = flakyResend(random);
  const transport = diesAfterSending(
    resendTransport({ apiKey: "re_test_key", fetch: fake.fetch, sleep: async () => {}, attempts: 3, timeoutMs: 20 }),
    () => random() < 0.1,
  );
  const queue = new SimulatedQueue({ duplicate: true, random });
  return { fake, transport, queue, workerEnv: envWithQueue(queue) };
}
