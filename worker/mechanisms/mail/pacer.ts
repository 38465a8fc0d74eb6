import { DurableObject } from "cloudflare:workers";

/**
 * Slots are spaced a little wider than 1/rate: a slot is reserved here but the call leaves the
 * consumer a few milliseconds later, and Resend counts when it arrives. 5% keeps those
 * jitters out of Resend's window at the cost of 5% of the rate.
 */
const HEADROOM = 1.05;

/**
 * A caller that wakes later than its slot (a busy isolate runs timers late) leaves closer to
 * the callers after it. Up to the headroom of `RESEND_MAX_RPS` slots (50 ms), less 10 ms for
 * the way to Resend, no second holds more than the rate; later than that, it lets its slot go
 * and takes a new one.
 */
const LATE_MS = 1000 * (HEADROOM - 1) - 10;
const MAX_TRIES = 3;

/** When the next send may go: the first free slot at or after `now`, and the slot after it. */
export function reserveSlot(nextFree: number, now: number, maxRps: number): { at: number; nextFree: number } {
  const at = Math.max(now, nextFree);
  return { at, nextFree: at + (1000 / maxRps) * HEADROOM };
}

/**
 * The one shared clock every consumer invocation asks before it calls Resend, whose rate limit
 * is per team (5 requests a second, all keys together): the Rate Limiting binding counts per
 * location and cannot be that. One instance (`resend`) hands out slots in turn; its state lives
 * in memory only, since after a pause long enough for it to be evicted every slot is free.
 */
export class ResendPacer extends DurableObject<Env> {
  #nextFree = 0;

  /** Reserves the next slot; the caller waits `waitMs` before its call leaves. */
  slot(maxRps: number): { at: number; waitMs: number } {
    const now = Date.now();
    const { at, nextFree } = reserveSlot(this.#nextFree, now, maxRps);
    this.#nextFree = nextFree;
    return { at, waitMs: at - now };
  }

  /** Resend answered 429: nobody's call leaves for `ms`, whoever reserved a slot before. */
  hold(ms: number): void {
    this.#nextFree = Math.max(this.#nextFree, Date.now() + ms);
  }
}

/** How a transport keeps to the shared rate: wait for a slot before each call, hold everyone after a 429. */
export type Pacer = { wait(): Promise<void>; hold(ms: number): Promise<void> };

/** The pacer for this Worker: one RPC to the shared Durable Object per call to Resend (a subrequest each). */
export function resendPacer(
  namespace: DurableObjectNamespace<ResendPacer>,
  maxRps: number,
  clock: { now: () => number; sleep: (ms: number) => Promise<void> } = {
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  },
): Pacer {
  const stub = namespace.get(namespace.idFromName("resend"));
  return {
    async wait() {
      for (let tries = 1; ; tries++) {
        const { waitMs } = await stub.slot(maxRps);
        const due = clock.now() + waitMs;
        if (waitMs > 0) await clock.sleep(waitMs);
        if (clock.now() - due <= LATE_MS || tries === MAX_TRIES) return;
      }
    },
    async hold(ms) {
      await stub.hold(ms);
    },
  };
}
