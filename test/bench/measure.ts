import { env } from "cloudflare:workers";
import { inject } from "vitest";
import { config } from "../../worker/mechanisms/lib/config.ts";
import { resendPacer } from "../../worker/mechanisms/mail/pacer.ts";
import { resendTransport } from "../../worker/mechanisms/mail/resend.ts";
import { envWithQueue, SimulatedClaimQueue, type SimulatedQueue } from "../send-harness.ts";
import { type D1Meter, meteredD1 } from "./metered-d1.ts";
import { recordResponse, replayingD1, Tape } from "./replay.ts";

export const newMeter = (): D1Meter => ({ rowsRead: 0, rowsWritten: 0, waitMs: 0, meteringMs: 0, queries: 0 });

/**
 * Time spent waiting on something other than our own code: Resend's answers, the pacer, a
 * backoff; and `calls`, the subrequests among them (Resend and the pacer, not a backoff).
 * `tape`: Resend's answers are recorded on it, or, `replaying`, played back from it (replay.ts).
 */
export type Waits = { resendMs: number; paceMs: number; calls: number; tape?: Tape; replaying?: boolean };

/** Waits being timed by `timed` right now: a timer set within one (the pacer's) is already counted there. */
let timedWaits = 0;

function timed<A extends unknown[], T>(
  waits: Waits,
  key: "resendMs" | "paceMs",
  work: (...args: A) => Promise<T>,
  subrequest = true,
) {
  return async (...args: A): Promise<T> => {
    if (subrequest) waits.calls++;
    timedWaits++;
    const start = performance.now();
    try {
      return await work(...args);
    } finally {
      waits[key] += performance.now() - start;
      timedWaits--;
    }
  };
}

/**
 * The Worker's Resend transport, its waits timed apart from its own work (JSON.stringify of 2 MB
 * is ours). `paced`: through the shared pacer, at Resend's rate as the fake enforces it; else
 * the fake answers at once, for figures the rate does not decide.
 */
export function benchTransport(waits: Waits, paced = true) {
  const cfg = config(env);
  const pacer = paced && inject("benchPacing") ? resendPacer(env.RESEND_PACER, cfg.RESEND_MAX_RPS) : undefined;
  const { tape } = waits;
  if (tape && waits.replaying)
    return resendTransport({
      apiKey: cfg.RESEND_API_KEY!,
      baseUrl: cfg.RESEND_BASE_URL,
      fetch: async () => tape.nextResponse(),
      sleep: async () => {},
      ...(pacer ? { pacer: { wait: async () => {}, hold: async () => {} } } : {}),
    });
  return resendTransport({
    apiKey: cfg.RESEND_API_KEY!,
    baseUrl: cfg.RESEND_BASE_URL,
    // The fake Resend counts a call against the rate from when it left (scripts/bench.ts), or not at all.
    fetch: timed(waits, "resendMs", async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await fetch(input, {
        ...init,
        headers: {
          ...(init?.headers as Record<string, string>),
          "x-bench-sent-at": `${Date.now()}`,
          ...(paced ? {} : { "x-bench-unpaced": "1" }),
        },
      });
      return tape ? recordResponse(tape, response) : response;
    }),
    sleep: timed(
      waits,
      "paceMs",
      (ms: number) => new Promise<void>((resolve) => runtimeSetTimeout(resolve, ms)),
      false,
    ),
    ...(pacer ? { pacer: { wait: timed(waits, "paceMs", pacer.wait), hold: timed(waits, "paceMs", pacer.hold) } } : {}),
  });
}

/** The runtime's own timer, for waits the bench times itself (see `timerWaits`). */
const runtimeSetTimeout = globalThis.setTimeout;

type Timer = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => unknown;

/** Runs `work` with `timer` in place of the runtime's setTimeout. */
async function withTimer<T>(timer: Timer, work: () => Promise<T>): Promise<T> {
  globalThis.setTimeout = timer as typeof setTimeout;
  try {
    return await work();
  } finally {
    globalThis.setTimeout = runtimeSetTimeout;
  }
}

/**
 * Runs `work` with every timer it sets timed, from being set until it fires: waiting on a timer
 * takes no CPU (the claim chain keeps to the queue's rate with one), so it counts as a wait.
 */
async function timerWaits<T>(work: () => Promise<T>): Promise<{ result: T; timerMs: number }> {
  let timerMs = 0;
  const result = await withTimer((callback, ms, ...args) => {
    if (timedWaits > 0) return runtimeSetTimeout(callback, ms, ...args);
    const set = performance.now();
    return runtimeSetTimeout(() => {
      timerMs += performance.now() - set;
      callback(...args);
    }, ms);
  }, work);
  return { result, timerMs };
}

/** A timer that fires at once: in a replay there is nothing to wait for. */
const atOnce: Timer = (callback, _ms, ...args) => queueMicrotask(() => callback(...args));

/** Invocations since the last full collection of the test isolate's heap. */
let sinceMajor = 0;

/**
 * Collects the garbage the bench left in the isolate it shares with the Worker: vitest, the
 * harness, the seeded readers (tens of megabytes the Worker never holds). Without it a
 * collection of that heap falls inside some invocation, and its 5 to 130 ms were counted as
 * the Worker's CPU. The young generation is emptied before every invocation, the whole heap
 * before every hundredth, as the old generation fills in about two hundred. A collection the
 * invocation's own garbage calls for still counts. Needs workerd's V8 started with
 * --expose-gc, as scripts/bench.ts does.
 */
function collectBenchGarbage() {
  const gc = (globalThis as { gc?: (options: { type: "minor" | "major" }) => void }).gc;
  if (!gc) throw new Error("the bench needs workerd's V8 started with --expose-gc: run it with npm run bench");
  sinceMajor = (sinceMajor + 1) % 100;
  gc({ type: sinceMajor === 0 ? "major" : "minor" });
}

/** How long the Worker's thread has run and waited for a core so far, and whether it has one of its own (scripts/bench-core.ts). */
async function workerThread(): Promise<{ pinned: boolean; waitedNs: number; ranNs: number }> {
  if (!env.BENCH_CORE) throw new Error("the bench needs its BENCH_CORE binding: run it with npm run bench");
  return (await env.BENCH_CORE.fetch("http://bench-core/")).json();
}

/**
 * Runs `work` as the bench times one invocation: the bench's garbage collected first, then its
 * wall time, and from scripts/bench-core.ts how long the Worker's thread ran (0 where that is
 * not known) and waited for a core meanwhile.
 */
async function onWorkerThread<T>(work: () => Promise<T>) {
  collectBenchGarbage();
  const before = await workerThread();
  const start = performance.now();
  const result = await work();
  const wallMs = performance.now() - start;
  const after = await workerThread();
  return {
    result,
    wallMs,
    ranMs: (after.ranNs - before.ranNs) / 1e6,
    coreWaitMs: (after.waitedNs - before.waitedNs) / 1e6,
    pinned: before.pinned,
  };
}

/**
 * What one invocation cost: CPU (its wall time less every wait), subrequests, and D1's rows and
 * queries; and `coreWaitMs`, the time within it that the Worker's thread waited for a core, which
 * the CPU figure holds unless it fell within a wait. `pinned`: the thread had a core to itself.
 */
export type Invocation<T> = {
  result: T;
  meter: D1Meter;
  subrequests: number;
  cpuMs: number;
  coreWaitMs: number;
  pinned: boolean;
  /** The same invocation played back (`replayed`): its CPU, its wall time, and the time its thread waited for a core. */
  replay?: { cpuMs: number; wallMs: number; coreWaitMs: number };
};

/** Queues that take every message and keep none: a replay's sends happened in the recorded invocation. */
const dropped = { send: async () => {}, sendBatch: async () => {} } as unknown as Queue;

/**
 * Runs `work` again against what the invocation's I/O answered (`tape`), every timer at once.
 * With nothing to wait for, its CPU is bounded twice from above: by the time the Worker's thread
 * ran between two reads (scripts/bench-core.ts, to the nanosecond, which also holds the two
 * calls that read it and whatever else ran on the thread, as a D1 checkpoint), and by its wall
 * time, which workerd's clock reads in whole milliseconds (so less than one more) and which
 * also holds time the hypervisor took. The lower of the two counts; without the thread's
 * figure, the wall time.
 */
async function replayed<T>(workerEnv: Env, tape: Tape, work: (workerEnv: Env, waits: Waits) => Promise<T>) {
  const waits: Waits = { resendMs: 0, paceMs: 0, calls: 0, tape, replaying: true };
  const replayEnv: Env = { ...workerEnv, DB: replayingD1(tape), CLAIMS: dropped, DELIVERIES: dropped };
  const { wallMs, ranMs, coreWaitMs } = await onWorkerThread(() => withTimer(atOnce, () => work(replayEnv, waits)));
  return { cpuMs: ranMs > 0 ? Math.min(ranMs, wallMs + 1) : wallMs, wallMs, coreWaitMs };
}

/**
 * CPU of one invocation: its wall time less every wait (D1, Resend, the pacer, timers); D1's own work
 * happens in D1. Its subrequests: D1 calls, queue sends (to either queue), Resend and the pacer.
 * `replay`: `work` runs once more, played back from what its I/O answered (see `replayed`), for
 * CPU read without the waits' error; `work` must then leave the bench's own state as it found it.
 */
export async function invocation<T>(
  queue: SimulatedQueue,
  work: (workerEnv: Env, waits: Waits) => Promise<T>,
  claims = new SimulatedClaimQueue(),
  settings: Partial<Env> = {},
  replay = false,
): Promise<Invocation<T>> {
  const meter = newMeter();
  const tape = replay ? new Tape() : undefined;
  const waits: Waits = { resendMs: 0, paceMs: 0, calls: 0, ...(tape ? { tape } : {}) };
  const workerEnv = envWithQueue(queue, {
    ...settings,
    DB: meteredD1(env.DB, meter, tape),
    CLAIMS: claims as unknown as Queue,
  });
  const sends = queue.sent + claims.sent;
  const run = await onWorkerThread(() => timerWaits(() => work(workerEnv, waits)));
  const { result, timerMs } = run.result;
  const subrequests = meter.queries + queue.sent + claims.sent - sends + waits.calls;
  return {
    result,
    meter,
    subrequests,
    cpuMs: run.wallMs - meter.meteringMs - meter.waitMs - waits.resendMs - waits.paceMs - timerMs,
    coreWaitMs: run.coreWaitMs,
    pinned: run.pinned,
    ...(tape ? { replay: await replayed(workerEnv, tape, work) } : {}),
  };
}

/**
 * What the most costly invocation of one kind took, beside the median and the 99th percentile of
 * its CPU; `disturbed`: the invocations left out of those, as their thread waited for a core
 * (their most CPU, and the longest such wait in any invocation of the kind).
 */
export type Most = {
  cpuMsMax: number;
  cpuMsMedian: number;
  cpuMsP99: number;
  subrequestsMax: number;
  d1QueriesMax: number;
  count: number;
  disturbed: { count: number; cpuMsMax: number; coreWaitMsMax: number };
  /** The most CPU less waits, of a kind whose figures are replayed (see `invocation`). */
  lessWaitsMsMax?: number;
};
