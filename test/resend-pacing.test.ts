import { listDurableObjectIds } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { config } from "../worker/mechanisms/lib/config.ts";
import { mailTransport } from "../worker/mechanisms/mail/index.ts";
import { type Pacer, type ResendPacer, resendPacer, reserveSlot } from "../worker/mechanisms/mail/pacer.ts";
import { resendTransport } from "../worker/mechanisms/mail/resend.ts";
import type { OutgoingMail } from "../worker/mechanisms/mail/transport.ts";
import type { Fault } from "./fake-resend.ts";
import { interceptFetch } from "./intercept-fetch.ts";
import { fakeResend } from "./resend-spec.ts";

const mail = (n: number): OutgoingMail => ({
  to: `lezer${n}@voorbeeld.nl`,
  from: "Rust en richting <lessen@rustenrichting.nl>",
  subject: `Les ${n}`,
  html: `<p>Les ${n}</p>`,
  text: `Les ${n}`,
  headers: {},
  idempotencyKey: `delivery/pacing-${n}`,
});

/** A pacer that notes what the transport asked of it, in order, and never waits. */
function recordingPacer() {
  const asked: string[] = [];
  const pacer: Pacer = {
    wait: async () => void asked.push("wait"),
    hold: async (ms) => void asked.push(`hold ${ms}`),
  };
  return { pacer, asked };
}

describe("one send slot at a time, shared by every consumer", () => {
  it("spaces slots 1/rate apart (with 5% headroom), and starts at once after a quiet spell", () => {
    let nextFree = 0;
    const slots: number[] = [];
    for (let i = 0; i < 6; i++) {
      const slot = reserveSlot(nextFree, 10_000, 5);
      slots.push(slot.at);
      nextFree = slot.nextFree;
    }
    expect(slots.map((at) => Math.round(at))).toEqual([10_000, 10_210, 10_420, 10_630, 10_840, 11_050]);
    expect(reserveSlot(nextFree, 60_000, 5).at).toBe(60_000);
    expect(Math.round(reserveSlot(0, 0, 20).nextFree)).toBe(53);
  });

  it("never lets more than the rate through in any second, however many ask at once", () => {
    let nextFree = 0;
    const slots = Array.from({ length: 100 }, () => {
      const slot = reserveSlot(nextFree, 5_000, 5);
      nextFree = slot.nextFree;
      return slot.at;
    });
    for (const at of slots)
      expect(slots.filter((other) => other >= at && other < at + 1000).length).toBeLessThanOrEqual(5);
    expect(slots.at(-1)! - slots[0]!).toBeCloseTo(99 * 210, 6);
  });

  it("the Durable Object answers concurrent callers with consecutive slots, and holds them all after a 429", async () => {
    const stub = env.RESEND_PACER.get(env.RESEND_PACER.idFromName("pacing-test"));
    const answers = await Promise.all(Array.from({ length: 10 }, () => stub.slot(5)));
    const ats = answers.map((answer) => answer.at).sort((a, b) => a - b);
    for (let i = 1; i < ats.length; i++) expect(ats[i]! - ats[i - 1]!).toBeCloseTo(210, 6);
    for (const answer of answers) expect(answer.waitMs).toBeGreaterThanOrEqual(0);
    expect(Math.max(...answers.map((answer) => answer.waitMs))).toBeGreaterThanOrEqual(9 * 210 - 50);

    await stub.hold(60_000);
    const held = await stub.slot(5);
    expect(held.waitMs).toBeGreaterThan(59_000);
  });
});

/** A namespace whose one object answers like the real one, on a clock the test moves by hand. */
function pacerOnFakeClock(lateBy: number[]) {
  let now = 1_000;
  let nextFree = 0;
  const asked: number[] = [];
  const stub = {
    slot: async (maxRps: number) => {
      const slot = reserveSlot(nextFree, now, maxRps);
      nextFree = slot.nextFree;
      asked.push(slot.at);
      return { at: slot.at, waitMs: slot.at - now };
    },
  };
  const namespace = { idFromName: () => ({}), get: () => stub } as unknown as DurableObjectNamespace<ResendPacer>;
  const pacer = resendPacer(namespace, 5, {
    now: () => now,
    sleep: async (ms) => {
      now += ms + (lateBy.shift() ?? 0);
    },
  });
  return { pacer, asked, clock: () => now };
}

describe("a caller that wakes late", () => {
  it("lets its slot go and takes the next one, so it does not leave bunched with the caller after it", async () => {
    const { pacer, asked, clock } = pacerOnFakeClock([150, 0]);
    await pacer.wait();
    await pacer.wait();
    expect(asked.map(Math.round)).toEqual([1_000, 1_210, 1_420]);
    expect(Math.round(clock())).toBe(1_420);
  });

  it("a few ms late is on time", async () => {
    const { pacer, asked } = pacerOnFakeClock([20]);
    await pacer.wait();
    await pacer.wait();
    expect(asked).toHaveLength(2);
  });

  it("gives up trying after three slots and sends, rather than never", async () => {
    let now = 0;
    let asked = 0;
    // Others keep the pacer busy: every slot is 100 ms away, and this caller always wakes 500 ms late.
    const stub = {
      slot: async () => {
        asked++;
        return { at: now + 100, waitMs: 100 };
      },
    };
    const namespace = { idFromName: () => ({}), get: () => stub } as unknown as DurableObjectNamespace<ResendPacer>;
    const pacer = resendPacer(namespace, 5, {
      now: () => now,
      sleep: async (ms) => {
        now += ms + 500;
      },
    });
    await pacer.wait();
    expect(asked).toBe(3);
  });
});

describe("the Resend transport keeps to the pace", () => {
  it("takes a slot before every call, retries included", async () => {
    let calls = 0;
    const fake = fakeResend({ fault: () => (++calls < 3 ? { status: 500 } : null) });
    const { pacer, asked } = recordingPacer();
    const slept: number[] = [];
    const transport = resendTransport({
      apiKey: "re_test_key",
      fetch: fake.fetch,
      sleep: async (ms) => void slept.push(ms),
      pacer,
    });
    expect(await transport.sendBatch([mail(1), mail(2)], "batch/pacing-1")).toMatchObject([{ ok: true }, { ok: true }]);
    expect(fake.requests).toBe(3);
    expect(asked).toEqual(["wait", "wait", "wait"]);
    expect(slept).toHaveLength(2);
  });

  it("after a 429 holds every consumer for Resend's retry-after, instead of only itself", async () => {
    const faults: Fault[] = [{ status: 429, retryAfter: "2" }];
    const fake = fakeResend({ fault: () => faults.shift() ?? null });
    const { pacer, asked } = recordingPacer();
    const slept: number[] = [];
    const transport = resendTransport({
      apiKey: "re_test_key",
      fetch: fake.fetch,
      sleep: async (ms) => void slept.push(ms),
      pacer,
    });
    expect(await transport.send(mail(3))).toMatchObject({ ok: true });
    expect(asked).toEqual(["wait", "hold 2000", "wait"]);
    expect(slept).toEqual([]);
  });

  it("is what the Worker sends with when mail goes to Resend: the shared Durable Object hands out the slots", async () => {
    const fake = fakeResend();
    interceptFetch((request) => fake.handle(request));
    const resendEnv = { ...env, MAIL_TRANSPORT: "", RESEND_API_KEY: "re_test_key", RESEND_MAX_RPS: "7" } as Env;
    expect(config(resendEnv).RESEND_MAX_RPS).toBe(7);
    expect(await mailTransport(resendEnv).send(mail(4))).toMatchObject({ ok: true });
    const ids = await listDurableObjectIds(env.RESEND_PACER);
    expect(ids.some((id) => id.equals(env.RESEND_PACER.idFromName("resend")))).toBe(true);
  });

  it("reads RESEND_MAX_RPS as 5 when unset, and refuses one that is not a positive number", () => {
    expect(config({ ...env, RESEND_MAX_RPS: "" } as Env).RESEND_MAX_RPS).toBe(5);
    expect(() => config({ ...env, RESEND_MAX_RPS: "snel" } as Env)).toThrow(/RESEND_MAX_RPS/);
    expect(() => config({ ...env, RESEND_MAX_RPS: "0" } as Env)).toThrow(/RESEND_MAX_RPS/);
  });
});
