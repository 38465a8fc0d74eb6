import { env } from "cloudflare:workers";
import { runSchedule } from "../../worker/domain/schedule/run.ts";
import { SimulatedClaimQueue, SimulatedQueue, seedReaders, stopReaders } from "../send-harness.ts";
import { benchTransport, type Invocation, invocation } from "./measure.ts";

/**
 * Claims and sends `readers` due at `due`: first the cron and the turns it hands on through the
 * claim queue, one invocation each, until the run is claimed; then `consumers` consumer
 * invocations at once send it. What each invocation cost, and how long claiming took. `seed`
 * puts the run's readers in place instead of readers due for their first lesson.
 */
export async function sendRun(
  prefix: string,
  readers: number,
  due: number,
  consumers: number,
  options: {
    paced?: boolean;
    claimOnly?: boolean;
    seed?: () => Promise<unknown>;
    /** Looks at what was claimed before it is sent; its time is not the run's. */
    afterClaim?: () => Promise<void>;
  } = {},
) {
  await (options.seed ? options.seed() : seedReaders(env, prefix, readers, due));
  const queue = new SimulatedQueue({ discard: options.claimOnly });
  const claims = new SimulatedClaimQueue();
  const totals = {
    rowsRead: 0,
    rowsWritten: 0,
    queries: 0,
    cpuMs: 0,
    drainMs: 0,
    meteringMs: 0,
    claimMs: 0,
    claimed: 0,
  };
  const heaviest = { cronMs: 0, consumerMs: 0, subrequests: 0, d1Queries: 0 };
  const add = ({ meter, cpuMs, subrequests }: Invocation<unknown>) => {
    totals.rowsRead += meter.rowsRead;
    totals.rowsWritten += meter.rowsWritten;
    totals.queries += meter.queries;
    totals.meteringMs += meter.meteringMs;
    totals.cpuMs += cpuMs;
    heaviest.subrequests = Math.max(heaviest.subrequests, subrequests);
    heaviest.d1Queries = Math.max(heaviest.d1Queries, meter.queries);
  };
  const start = performance.now();
  // The cron's own turn, then every turn it hands on: the platform runs each as a consumer invocation of the claim queue.
  const cron = await invocation(queue, (workerEnv) => runSchedule(workerEnv, due), claims);
  add(cron);
  heaviest.cronMs = cron.cpuMs;
  let claimInvocations = 1;
  for (;;) {
    const turn = await invocation(queue, (workerEnv) => claims.next(workerEnv), claims);
    if (!turn.result) break;
    claimInvocations++;
    add(turn);
    heaviest.cronMs = Math.max(heaviest.cronMs, turn.cpuMs);
  }
  totals.claimMs = performance.now() - start - totals.meteringMs;
  totals.claimed = (await env.DB.prepare("SELECT claimed FROM cron_runs WHERE scheduled_at = ?")
    .bind(due)
    .first<number>("claimed"))!;
  const checkStart = performance.now();
  await options.afterClaim?.();
  const checkMs = performance.now() - checkStart;
  const drainStart = performance.now();
  if (!options.claimOnly)
    await Promise.all(
      Array.from({ length: consumers }, async () => {
        for (;;) {
          const consumer = await invocation(queue, (workerEnv, waits) =>
            queue.deliverOnce(workerEnv, benchTransport(waits, options.paced ?? true)),
          );
          if (!(consumer.result as { delivered: boolean }).delivered) return;
          add(consumer);
          heaviest.consumerMs = Math.max(heaviest.consumerMs, consumer.cpuMs);
        }
      }),
    );
  totals.drainMs = performance.now() - drainStart;
  const wallMs = performance.now() - start - totals.meteringMs - checkMs;
  // The next run measures only its own readers.
  await stopReaders(env, prefix);
  return { totals, heaviest, wallMs, claimInvocations };
}

/** How the claiming of one run went: seconds from the cron until the last reader was claimed, invocations, and the most any invocation made. */
export function claimFigures(
  claimMs: number,
  claimInvocations: number,
  heaviest: { subrequests: number; d1Queries: number },
) {
  return {
    claimSecondsForAll: claimMs / 1000,
    claimInvocations,
    maxSubrequestsPerInvocation: heaviest.subrequests,
    maxD1QueriesPerInvocation: heaviest.d1Queries,
  };
}
