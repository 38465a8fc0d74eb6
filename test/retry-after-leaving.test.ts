import { env } from "cloudflare:workers";
import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { claimDue } from "../worker/domain/course/claim.ts";
import { composers } from "../worker/domain/mails/index.ts";
import { unsubscribe } from "../worker/domain/readers/unsubscribe.ts";
import { enrollments } from "../worker/mechanisms/db/schema.ts";
import { amsterdamTime } from "../worker/mechanisms/lib/amsterdam-time.ts";
import { config } from "../worker/mechanisms/lib/config.ts";
import { resendTransport } from "../worker/mechanisms/mail/resend.ts";
import { RetryableSendError } from "../worker/mechanisms/mail/transport.ts";
import { deliveryStatus } from "../worker/mechanisms/sending/batches.ts";
import { sendBatch } from "../worker/mechanisms/sending/send-batch.ts";
import { db } from "./helpers.ts";
import { fakeResend } from "./resend-spec.ts";
import { diesAfterSending, seedReaders } from "./send-harness.ts";

/** Three readers whose lessons are claimed as one batch, and the batch. */
async function batchOfThree(prefix: string, due: number) {
  const emails = await seedReaders(env, prefix, 3, due);
  const claim = (await claimDue(db, config(env), due))!;
  expect(claim.deliveryIds).toHaveLength(3);
  const ids = emails.map((email) => email.split("@")[0]!);
  // Their later lessons stay out of the other test's claim, whatever order the tests run in.
  await db.update(enrollments).set({ state: "paused" }).where(inArray(enrollments.subscriberId, ids));
  return { emails, ids, claim };
}

const transportTo = (fake: ReturnType<typeof fakeResend>) =>
  resendTransport({ apiKey: "re_test_key", fetch: fake.fetch, sleep: async () => {}, attempts: 1 });

describe("a reader who leaves while their batch waits for a retry", () => {
  it("gets nothing when the earlier attempt was refused outright; the others get theirs once", async () => {
    const { emails, ids, claim } = await batchOfThree("geweigerd", amsterdamTime(2024, 2, 6, 7));
    const refusing = fakeResend({ fault: () => ({ status: 503 }) });
    await expect(sendBatch(env, composers, transportTo(refusing), claim.batchKey, Date.now())).rejects.toBeInstanceOf(
      RetryableSendError,
    );
    await unsubscribe(db, ids[1]!, Date.now());

    const working = fakeResend();
    await sendBatch(env, composers, transportTo(working), claim.batchKey, Date.now());
    expect(working.problems).toEqual([]);
    expect(working.accepted.map((mail) => mail.to[0]).sort()).toEqual([emails[0], emails[2]].sort());
    const statuses = await Promise.all(claim.deliveryIds.map((id) => deliveryStatus(db, id)));
    expect(statuses.sort()).toEqual(["sent", "sent", "skipped"]);
  });

  it("keeps the payload when the earlier attempt may have gone out, so nobody gets it twice", async () => {
    const { emails, ids, claim } = await batchOfThree("onzeker", amsterdamTime(2024, 3, 5, 7));
    const fake = fakeResend();
    const inner = transportTo(fake);
    await expect(sendBatch(env, composers, diesAfterSending(inner), claim.batchKey, Date.now())).rejects.toThrow(
      "consumer died",
    );
    await unsubscribe(db, ids[1]!, Date.now());

    await sendBatch(env, composers, inner, claim.batchKey, Date.now());
    expect(fake.problems).toEqual([]);
    expect(fake.accepted.map((mail) => mail.to[0]).sort()).toEqual([...emails].sort());
  });
});
