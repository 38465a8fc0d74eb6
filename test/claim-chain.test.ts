import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { and, eq, like, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { createIssue, scheduleIssue } from "../worker/domain/newsletter/issues.ts";
import type { ClaimBudget } from "../worker/domain/schedule/claim-chain.ts";
import { runSchedule } from "../worker/domain/schedule/run.ts";
import worker from "../worker/index.ts";
import { cronRuns, deliveries, newsletterIssues, sendBatches } from "../worker/mechanisms/db/schema.ts";
import { amsterdamTime } from "../worker/mechanisms/lib/amsterdam-time.ts";
import { db } from "./helpers.ts";
import { envWithQueue, SimulatedClaimQueue, SimulatedQueue, seedReaders, stopReaders } from "./send-harness.ts";

/** A turn of two lesson pages (200 readers) and one issue page: a list of hundreds needs several invocations. */
const SMALL: ClaimBudget = { subrequests: 10, lessonPages: 2 };
const QUARTER = 15 * 60_000;

const prefixes: string[] = [];
/** Readers `${prefix}-0…` due at `dueAt`, stopped after the test so no later run finds them due. */
function seed(prefix: string, count: number, dueAt: number) {
  prefixes.push(prefix);
  return seedReaders(env, prefix, count, dueAt);
}
afterEach(async () => {
  for (const prefix of prefixes.splice(0)) await stopReaders(env, prefix);
});

/** A Worker env whose delivery and claim queues are kept in the test's hands. */
function sending() {
  const claims = new SimulatedClaimQueue();
  const queue = new SimulatedQueue();
  return { claims, queue, workerEnv: envWithQueue(queue, { CLAIMS: claims as unknown as Queue }) };
}

/** How often each reader `${prefix}-…` has had a mail of `kind` claimed: reader id to count. */
async function claimsPerReader(prefix: string, kind: "lesson" | "newsletter") {
  const rows = await db
    .select({ reader: deliveries.subscriberId, count: sql<number>`count(*)` })
    .from(deliveries)
    .where(and(like(deliveries.subscriberId, `${prefix}-%`), eq(deliveries.kind, kind)))
    .groupBy(deliveries.subscriberId)
    .all();
  return new Map(rows.map((row) => [row.reader, row.count]));
}

function expectEachOnce(counts: Map<string, number>, prefix: string, readers: number) {
  expect(counts.size).toBe(readers);
  for (let i = 0; i < readers; i++) expect(counts.get(`${prefix}-${i}`), `${prefix}-${i}`).toBe(1);
}

const batchCount = async () => (await db.select({ n: sql<number>`count(*)` }).from(sendBatches).get())!.n;

describe("claiming past one invocation's budget", () => {
  it("claims every reader due at one instant exactly once, handing on from invocation to invocation", async () => {
    const { claims, queue, workerEnv } = sending();
    const due = amsterdamTime(2031, 3, 3, 7);
    await seed("keten", 750, due);
    await seed("ketenlaat", 30, due + QUARTER);

    expect(await runSchedule(workerEnv, due, SMALL)).toMatchObject({ claimed: 200, more: true });
    expect(claims.pending).toEqual([{ kind: "claim", scheduledTime: due }]);
    const invocations = await claims.drain(workerEnv, SMALL);

    expect(invocations).toBeGreaterThanOrEqual(3);
    expect(claims.pending).toEqual([]);
    expectEachOnce(await claimsPerReader("keten", "lesson"), "keten", 750);
    expect(new Set(queue.pending.map((message) => message.body.deliveryId)).size).toBe(750);
    // Who is due is the run's business, not the clock's: readers due a quarter later wait for their own run.
    expect((await claimsPerReader("ketenlaat", "lesson")).size).toBe(0);
    const run = await db.select().from(cronRuns).where(eq(cronRuns.scheduledAt, due)).get();
    expect(run?.claimed).toBe(750);
  });

  it("claims nothing twice when a hand-on message is duplicated or replayed", async () => {
    const { claims, queue, workerEnv } = sending();
    const due = amsterdamTime(2032, 3, 2, 7);
    await seed("herhaal", 450, due);

    await runSchedule(workerEnv, due, SMALL);
    claims.pending.push(...claims.pending.map((message) => ({ ...message })));
    await claims.drain(workerEnv, SMALL);
    expectEachOnce(await claimsPerReader("herhaal", "lesson"), "herhaal", 450);

    const [batches, messages, handedOn] = [await batchCount(), queue.pending.length, claims.sent];
    claims.pending.push({ kind: "claim", scheduledTime: due });
    expect(await claims.drain(workerEnv, SMALL)).toBe(1);
    expect(await batchCount()).toBe(batches);
    expect(queue.pending).toHaveLength(messages);
    expect(claims.sent).toBe(handedOn);
    expectEachOnce(await claimsPerReader("herhaal", "lesson"), "herhaal", 450);
  });

  it("lets the next quarter's cron run while a hand-on is still in flight", async () => {
    const { claims, workerEnv } = sending();
    const due = amsterdamTime(2033, 3, 1, 7);
    await seed("kwartier", 350, due);
    await seed("kwartierlaat", 40, due + QUARTER);

    await runSchedule(workerEnv, due, SMALL);
    expect(await runSchedule(workerEnv, due + QUARTER, SMALL)).toMatchObject({ claimed: 190, more: true });
    expect(claims.pending.map((message) => ("scheduledTime" in message ? message.scheduledTime : null))).toEqual([
      due,
      due + QUARTER,
    ]);
    await claims.drain(workerEnv, SMALL);

    expectEachOnce(await claimsPerReader("kwartier", "lesson"), "kwartier", 350);
    expectEachOnce(await claimsPerReader("kwartierlaat", "lesson"), "kwartierlaat", 40);
    const runs = await db
      .select({ claimed: sql<number>`sum(${cronRuns.claimed})` })
      .from(cronRuns)
      .where(sql`${cronRuns.scheduledAt} in (${due}, ${due + QUARTER})`)
      .get();
    expect(runs?.claimed).toBe(390);
  });

  it("gives a newsletter issue its turn in every invocation and sends it to every reader once", async () => {
    const { claims, workerEnv } = sending();
    const due = amsterdamTime(2034, 3, 6, 7);
    await seed("brief", 500, due);
    const input = { subject: "Een lange lijst", preheader: "", body: "Hoi.", question: null, public: false };
    const issue = await createIssue(db, input, due - 86_400_000);
    await scheduleIssue(db, issue.id, due, due - 86_400_000);

    await runSchedule(workerEnv, due, SMALL);
    const first = await db.select().from(newsletterIssues).where(eq(newsletterIssues.id, issue.id)).get();
    expect(first).toMatchObject({ status: "sending", claimed: 100 });
    await claims.drain(workerEnv, SMALL);

    const sent = await db.select().from(newsletterIssues).where(eq(newsletterIssues.id, issue.id)).get();
    expect(sent?.status).toBe("sent");
    expectEachOnce(await claimsPerReader("brief", "newsletter"), "brief", 500);
    expectEachOnce(await claimsPerReader("brief", "lesson"), "brief", 500);
  });

  it("acks a claim message on its own queue, and drops one that is not a claim without retrying it", async () => {
    const batch = createMessageBatch<unknown>("send-claims", [
      { id: "niets-te-doen", timestamp: new Date(), attempts: 1, body: { kind: "claim", scheduledTime: 0 } },
      { id: "onzin", timestamp: new Date(), attempts: 1, body: { kind: "iets anders" } },
    ]);
    const before = await batchCount();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, createExecutionContext());
    expect(result.explicitAcks.sort()).toEqual(["niets-te-doen", "onzin"]);
    expect(result.retryMessages).toEqual([]);
    expect(await batchCount()).toBe(before);
  });
});
