import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { runSchedule } from "../worker/domain/schedule/run.ts";
import { deliveries, sendBatches, sendQuota, subscribers } from "../worker/mechanisms/db/schema.ts";
import { amsterdamTime } from "../worker/mechanisms/lib/amsterdam-time.ts";
import { resendTransport } from "../worker/mechanisms/mail/resend.ts";
import { COMPACT_AFTER_MS } from "../worker/mechanisms/sending/compact.ts";
import { pauseForQuota, quotaPause } from "../worker/mechanisms/sending/quota.ts";
import { pendingReader } from "./bench/pending-reader.ts";
import { db } from "./helpers.ts";
import { fakeResend } from "./resend-spec.ts";
import { envWithQueue, SimulatedClaimQueue, SimulatedQueue, seedReaders, stopReaders, tally } from "./send-harness.ts";

const prefixes: string[] = [];
afterEach(async () => {
  for (const prefix of prefixes.splice(0)) await stopReaders(env, prefix);
  await db.delete(sendQuota);
});

/** A Worker on the Free profile whose queues are kept in the test's hands, sending to a fake Resend. */
function freeSending() {
  const claims = new SimulatedClaimQueue();
  const queue = new SimulatedQueue();
  const fake = fakeResend();
  const transport = resendTransport({ apiKey: "re_test_key", fetch: fake.fetch, sleep: async () => {} });
  const workerEnv = envWithQueue(queue, { CLAIMS: claims as unknown as Queue, PLAN: "free" });
  return { claims, queue, fake, transport, workerEnv };
}

describe("PLAN=free", () => {
  it("claims 10 readers a turn, sends each batch as one message on the claim queue, and every mail once", async () => {
    const { claims, queue, fake, transport, workerEnv } = freeSending();
    const due = amsterdamTime(2032, 5, 4, 7);
    prefixes.push("gratis");
    const emails = await seedReaders(env, "gratis", 25, due);

    expect(await runSchedule(workerEnv, due)).toMatchObject({ claimed: 10, more: true });
    expect(claims.pending).toHaveLength(3);
    expect(claims.pending[0]).toMatchObject({ batchKey: expect.any(String) });
    expect(claims.pending[1]).toMatchObject({ kind: "claim", scheduledTime: due });
    expect(claims.pending[2]).toEqual({ kind: "housekeeping", scheduledTime: due });

    let invocations = 0;
    while (await claims.next(workerEnv, undefined, transport)) invocations++;
    // Three send batches (10, 10, 5), three handed-on turns (the last finds nobody left) and the housekeeping, one message an invocation.
    expect(invocations).toBe(7);
    expect(queue.messages).toBe(0);
    expect(fake.requests).toBe(3);
    const { duplicates, total } = tally(fake.accepted, emails);
    expect([duplicates, total]).toEqual([0, 25]);
  });

  it("leaves the run's housekeeping to an invocation of its own, which clears old signups and compacts", async () => {
    const { claims, transport, workerEnv } = freeSending();
    // Now, as a batch is completed at the real time: only a later run's housekeeping finds it old enough to compact.
    const due = Date.now();
    prefixes.push("huishouden");
    await seedReaders(env, "huishouden", 3, due);
    await runSchedule(workerEnv, due);
    while (await claims.next(workerEnv, undefined, transport));
    await stopReaders(env, "huishouden");
    const [sent] = await db
      .select({ key: deliveries.batchKey })
      .from(deliveries)
      .where(eq(deliveries.subscriberId, "huishouden-0"));
    const later = due + COMPACT_AFTER_MS + 60_000;
    await pendingReader("huishouden-nooit", "huishouden-nooit@voorbeeld.nl", "nonce", later - 8 * 86_400_000);

    await runSchedule(workerEnv, later);
    expect(claims.pending).toEqual([{ kind: "housekeeping", scheduledTime: later }]);
    const unconfirmed = () => db.select().from(subscribers).where(eq(subscribers.id, "huishouden-nooit"));
    expect(await unconfirmed()).toHaveLength(1);
    expect((await db.select().from(sendBatches).where(eq(sendBatches.key, sent!.key)))[0]!.sentCount).toBeNull();

    await claims.next(workerEnv, undefined, transport);
    expect(await unconfirmed()).toHaveLength(0);
    expect((await db.select().from(sendBatches).where(eq(sendBatches.key, sent!.key)))[0]!.sentCount).toBe(3);
  });

  it("claims nothing in a handed-on turn while Resend's quota is used up", async () => {
    const { claims, fake, transport, workerEnv } = freeSending();
    const due = amsterdamTime(2032, 6, 1, 7);
    prefixes.push("gepauzeerd");
    await seedReaders(env, "gepauzeerd", 30, due);
    await runSchedule(workerEnv, due);
    await pauseForQuota(db, "daily", due + 3_600_000, due);
    await pauseForQuota(db, "monthly", due + 60_000, due);
    // A later note of a shorter pause leaves the longer one as it was.
    expect(await quotaPause(db)).toEqual({ quota: "daily", since: due, until: due + 3_600_000 });

    while (await claims.next(workerEnv, undefined, transport));
    expect(fake.requests).toBe(0);
    const { claimed } = await runSchedule(workerEnv, due + 15 * 60_000);
    expect(claimed).toBe(0);
  });
});
