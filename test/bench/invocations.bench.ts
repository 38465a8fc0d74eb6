import { createMessageBatch } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { inject, it } from "vitest";
import { defaultSeries } from "../../worker/domain/course/course.ts";
import { consumeDeadLetters } from "../../worker/domain/health/dead-letters.ts";
import { runSchedule } from "../../worker/domain/schedule/run.ts";
import { database } from "../../worker/mechanisms/db/client.ts";
import { amsterdamTime } from "../../worker/mechanisms/lib/amsterdam-time.ts";
import { config } from "../../worker/mechanisms/lib/config.ts";
import { compactSent } from "../../worker/mechanisms/sending/compact.ts";
import { personalTokens } from "../../worker/mechanisms/sending/delivery-id.ts";
import type { DeliveryMessage } from "../../worker/mechanisms/sending/queue.ts";
import { SimulatedClaimQueue, SimulatedQueue, seedReaders, stopReaders } from "../send-harness.ts";
import { benchTransport, type Invocation, invocation, type Most } from "./measure.ts";
import { pendingReader } from "./pending-reader.ts";
import { requestWork, signupRequest } from "./requests.ts";

/** Requests of each kind measured per plan: signups, confirmation clicks, answer clicks. */
const CLICKS = 5;
const WEEK = 7 * 86_400_000;

type Plan = "paid" | "free";

/** A wait for a core this long or longer moves a CPU figure, which workerd's clock gives in whole milliseconds. */
const DISTURBED_MS = 0.5;

type Seen = {
  cpu: number[];
  disturbed: number[];
  coreWaitMsMax: number;
  subrequestsMax: number;
  d1QueriesMax: number;
  lessWaits: number[];
};

/**
 * The most any one invocation of each kind cost under `plan`, and what all of them took together
 * (D1's rows, invocations, queue messages: a day of sending for the Free plan's daily quotas).
 */
class Tally {
  #kinds: Record<string, Seen> = {};
  rowsRead = 0;
  rowsWritten = 0;
  invocations = 0;
  /** Whether the Worker's thread had a core of its own throughout (scripts/bench-core.ts). */
  pinned = true;

  /** Counts the replayed CPU of an invocation that was played back (see `invocation`), else its CPU less waits. */
  add(kind: string, { cpuMs, subrequests, meter, coreWaitMs, pinned, replay }: Invocation<unknown>) {
    this.#kinds[kind] ??= {
      cpu: [],
      disturbed: [],
      coreWaitMsMax: 0,
      subrequestsMax: 0,
      d1QueriesMax: 0,
      lessWaits: [],
    };
    const seen = this.#kinds[kind];
    const counted = replay ?? { cpuMs, coreWaitMs };
    if (counted.coreWaitMs < DISTURBED_MS) seen.cpu.push(counted.cpuMs);
    else seen.disturbed.push(counted.cpuMs);
    if (replay && coreWaitMs < DISTURBED_MS) seen.lessWaits.push(cpuMs);
    seen.coreWaitMsMax = Math.max(seen.coreWaitMsMax, counted.coreWaitMs);
    seen.subrequestsMax = Math.max(seen.subrequestsMax, subrequests);
    seen.d1QueriesMax = Math.max(seen.d1QueriesMax, meter.queries);
    this.rowsRead += meter.rowsRead;
    this.rowsWritten += meter.rowsWritten;
    this.invocations++;
    this.pinned &&= pinned;
  }

  /**
   * Per kind the most, with the median and the 99th percentile of CPU beside it: workerd's clock
   * counts whole milliseconds. CPU less waits reads it at both ends of every wait, so a true 4 ms
   * can read 10; a replay reads it twice (`lessWaitsMsMax` keeps the most of the other way). An
   * invocation whose thread waited for a core (something else of the machine ran on it) holds
   * that wait in its figure: it is kept apart, as `disturbed`, and counts only when no
   * invocation of its kind went undisturbed.
   */
  kinds(): Record<string, Most> {
    return Object.fromEntries(
      Object.entries(this.#kinds).map(
        ([kind, { cpu, disturbed, coreWaitMsMax, subrequestsMax, d1QueriesMax, lessWaits }]) => {
          const sorted = (cpu.length > 0 ? cpu : disturbed).toSorted((a, b) => a - b);
          const most: Most = {
            cpuMsMax: Math.max(0, sorted.at(-1)!),
            cpuMsMedian: sorted[Math.floor(sorted.length / 2)]!,
            cpuMsP99: sorted[Math.floor(sorted.length * 0.99)]!,
            subrequestsMax,
            d1QueriesMax,
            count: cpu.length + disturbed.length,
            disturbed: { count: disturbed.length, cpuMsMax: Math.max(0, ...disturbed), coreWaitMsMax },
            ...(lessWaits.length > 0 ? { lessWaitsMsMax: Math.max(...lessWaits) } : {}),
          };
          return [kind, most];
        },
      ),
    );
  }
}

/** Readers all due at one instant: the cron, every claim turn and every send batch, one invocation at a time. */
async function sendRun(plan: Plan, tally: Tally, readers: number, due: number, prefix = `plan-${plan}`) {
  const settings = { PLAN: plan };
  await seedReaders(env, prefix, readers, due);
  const queue = new SimulatedQueue();
  const claims = new SimulatedClaimQueue();
  const replay = plan === "free";
  tally.add("cron", await invocation(queue, (workerEnv) => runSchedule(workerEnv, due), claims, settings, replay));
  // The claim queue: hand-ons, and on the Free plan the send batches and the run's housekeeping too, one message an invocation.
  for (;;) {
    const next = claims.pending.shift();
    if (!next) break;
    const kind = "batchKey" in next ? "delivery batch" : next.kind === "claim" ? "claim turn" : "housekeeping";
    tally.add(
      kind,
      await invocation(
        queue,
        (workerEnv, waits) => claims.consume(next, workerEnv, undefined, benchTransport(waits)),
        claims,
        settings,
        replay,
      ),
    );
  }
  // The send queue (Workers Paid): a hundred messages an invocation.
  for (;;) {
    const step = await invocation(
      queue,
      (workerEnv, waits) => queue.deliverOnce(workerEnv, benchTransport(waits)),
      claims,
      settings,
    );
    if (!step.result.delivered) break;
    tally.add("delivery batch", step);
  }
  await stopReaders(env, prefix);
  return { queueMessages: claims.sent + queue.messages };
}

/** A request to the Worker, as one invocation (see `requestWork`). */
function requestCost(plan: Plan, request: Request) {
  return invocation(
    new SimulatedQueue(),
    requestWork(request),
    new SimulatedClaimQueue(),
    { PLAN: plan },
    plan === "free",
  );
}

/**
 * Signups, confirmation clicks and answer clicks (of readers who got lesson 1), each a single
 * request. The first of each kind only warms the isolate (its code compiled, its templates
 * read, as a Worker's first request does once) and is not counted.
 */
async function clicks(plan: Plan, tally: Tally) {
  const cfg = config(env);
  const now = Date.now();
  for (let i = 0; i <= CLICKS; i++) {
    const counted = i === 0 ? new Tally() : tally;
    const signup = signupRequest(
      cfg.PUBLIC_URL,
      `inschrijving-${plan}-${i}@voorbeeld.nl`,
      `192.0.2.${i + (plan === "free" ? 100 : 0)}`,
    );
    counted.add("signup", await requestCost(plan, signup));

    const id = `klik-${plan}-${i}`;
    const token = await pendingReader(id, `${id}@voorbeeld.nl`, `nonce-${i}`, now);
    tally.add(
      "confirm",
      await requestCost(plan, new Request(`${cfg.PUBLIC_URL}/bevestig/${token}`, { method: "POST" })),
    );

    const key = { kind: "lesson" as const, subscriberId: `plan-${plan}-${i}`, ref: defaultSeries.lessons[0]!.slug };
    const { answerToken } = await personalTokens(cfg, key);
    tally.add(
      "answer",
      await requestCost(plan, new Request(`${cfg.PUBLIC_URL}/reflectie/${answerToken}/1`, { method: "POST" })),
    );
  }
}

/** A full batch for the dead-letter queue's consumer (100 messages, as wrangler.toml allows). */
async function deadLetters(plan: Plan, tally: Tally) {
  const batch = () =>
    createMessageBatch<DeliveryMessage>(
      "lesson-deliveries-dead",
      Array.from({ length: 100 }, (_, i) => ({
        id: `dood-${plan}-${i}`,
        timestamp: new Date(),
        attempts: 11,
        body: { batchKey: `batch-${plan}-${Math.floor(i / 20)}`, deliveryId: `d-${i}` },
      })),
    );
  tally.add(
    "dead-letter batch",
    await invocation(
      new SimulatedQueue(),
      (workerEnv) => consumeDeadLetters(batch(), workerEnv),
      new SimulatedClaimQueue(),
      { PLAN: plan },
      plan === "free",
    ),
  );
}

/**
 * Each invocation kind's heaviest CPU, subrequests and D1 queries with `BENCH_PLAN_READERS`
 * readers (5,000 unless set) due at one instant, on Workers Paid and with PLAN=free; and for
 * the Free plan what that day's sending took of its daily quotas.
 */
it("measures each kind of invocation on both plans", async () => {
  const readers = inject("benchPlanReaders");
  const plans: Record<string, unknown> = {};
  for (const [index, plan] of (["paid", "free"] as const).entries()) {
    const due = amsterdamTime(2035 + index, 1, 8, 7);
    // Uncounted: what the other plan left is compacted, and a week of this plan's own sending goes
    // first, so the counted cron compacts batches of its own plan's size, as every cron after the first does.
    await compactSent(database(env), due - WEEK, Number.MAX_SAFE_INTEGER);
    await sendRun(plan, new Tally(), readers, due - WEEK, `vooraf-${plan}`);
    const tally = new Tally();
    const { queueMessages } = await sendRun(plan, tally, readers, due);
    await clicks(plan, tally);
    await deadLetters(plan, tally);
    plans[plan] = {
      readers,
      kinds: tally.kinds(),
      pinned: tally.pinned,
      day: {
        invocations: tally.invocations,
        d1RowsRead: tally.rowsRead,
        d1RowsWritten: tally.rowsWritten,
        queueMessages,
        // Queues counts a write, a read and a delete per message of up to 64 KB.
        queueOperations: queueMessages * 3,
      },
    };
  }
  console.log(`BENCH_PLANS ${JSON.stringify(plans)}`);
});
