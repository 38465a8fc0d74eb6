import { describe, expect, it } from "vitest";
import { resendTransport } from "../worker/mechanisms/mail/resend.ts";
import { type OutgoingMail, RetryableSendError } from "../worker/mechanisms/mail/transport.ts";
import type { Fault } from "./fake-resend.ts";
import { fakeResend } from "./resend-spec.ts";

function mail(n: number, to = `lezer${n}@voorbeeld.nl`): OutgoingMail {
  return {
    to,
    from: "Rust en richting <lessen@rustenrichting.nl>",
    replyTo: "schrijver@rustenrichting.nl",
    subject: `Les ${n}`,
    html: `<p>Les ${n}</p>`,
    text: `Les ${n}`,
    headers: {
      "List-Unsubscribe": "<https://rustenrichting.test/afmelden/x>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
    idempotencyKey: `delivery/${n}`,
  };
}

const noSleep = async () => {};

function transportFor(fake: ReturnType<typeof fakeResend>, attempts = 4) {
  return resendTransport({ apiKey: "re_test_key", fetch: fake.fetch, sleep: noSleep, attempts, timeoutMs: 50 });
}

describe("the Resend transport", () => {
  it("sends one mail as Resend's API describes it, with its idempotency key", async () => {
    const fake = fakeResend();
    const outcome = await transportFor(fake).send(mail(1));
    expect(fake.problems).toEqual([]);
    expect(outcome).toEqual({ ok: true, id: "fake-1" });
    expect(fake.accepted).toMatchObject([
      { to: ["lezer1@voorbeeld.nl"], subject: "Les 1", idempotencyKey: "delivery/1" },
    ]);
    expect(fake.accepted[0]!.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
  });

  it("sends a batch in one call and maps each mail to its id", async () => {
    const fake = fakeResend();
    const outcomes = await transportFor(fake).sendBatch([mail(1), mail(2), mail(3)], "batch/abc");
    expect(fake.problems).toEqual([]);
    expect(fake.requests).toBe(1);
    expect(outcomes).toEqual([
      { ok: true, id: "fake-1" },
      { ok: true, id: "fake-2" },
      { ok: true, id: "fake-3" },
    ]);
  });

  it("fails only the mail Resend refuses and sends the rest", async () => {
    const fake = fakeResend({ rejects: (to) => to.startsWith("kapot") });
    const outcomes = await transportFor(fake).sendBatch(
      [mail(1), mail(2, "kapot@voorbeeld.nl"), mail(3)],
      "batch/partial",
    );
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(fake.accepted.map((m) => m.subject)).toEqual(["Les 1", "Les 3"]);
  });

  it("retries 429 and 5xx, then succeeds without sending twice", async () => {
    const faults: Fault[] = [{ status: 429, retryAfter: "1" }, { status: 503 }, "drop"];
    const fake = fakeResend({ fault: () => faults.shift() ?? null });
    const outcomes = await transportFor(fake).sendBatch([mail(1), mail(2)], "batch/retry");
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(fake.requests).toBe(4);
    expect(fake.accepted).toHaveLength(2);
  });

  it("honours retry-after between attempts", async () => {
    const waits: number[] = [];
    const fake = fakeResend({
      fault: (() => {
        let n = 0;
        return () => (n++ === 0 ? { status: 429, retryAfter: "7" } : null);
      })(),
    });
    const transport = resendTransport({
      apiKey: "re_test_key",
      fetch: fake.fetch,
      sleep: async (ms) => void waits.push(ms),
    });
    await transport.send(mail(1));
    expect(waits).toEqual([7000]);
  });

  it("hands back a retryable error when Resend stays unavailable, and the retry with the same key sends once", async () => {
    let down = true;
    const fake = fakeResend({ fault: () => (down ? "timeout" : null) });
    await expect(transportFor(fake, 2).sendBatch([mail(1), mail(2)], "batch/down")).rejects.toBeInstanceOf(
      RetryableSendError,
    );
    down = false;
    await transportFor(fake).sendBatch([mail(1), mail(2)], "batch/down");
    await transportFor(fake).sendBatch([mail(1), mail(2)], "batch/down");
    expect(fake.accepted).toHaveLength(2);
  });
});
