import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { runSchedule } from "../worker/domain/schedule/run.ts";
import { sendQuota } from "../worker/mechanisms/db/schema.ts";
import { amsterdamTime } from "../worker/mechanisms/lib/amsterdam-time.ts";
import { resendTransport } from "../worker/mechanisms/mail/resend.ts";
import { pauseForQuota, quotaPause } from "../worker/mechanisms/sending/quota.ts";
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
    expect(claims.pending).toHaveLength(2);
    expect(claims.pending[0]).toMatchObject({ batchKey: expect.any(String) });
    expect(claims.pending[1]).toMatchObject({ kind: "claim", scheduledTime: due });

    let invocations = 0;
    while (await claims.next(workerEnv, undefined, transport)) invocations++;
    // Three send batches (10, 10, 5) and three handed-on turns (the last finds nobody left), one message an invocation.
    expect(invocations).toBe(6);
    expect(queue.messages).toBe(0);
    expect(fake.requests).toBe(3);
    const { duplicates, total } = tally(fake.accepted, emails);
    expect([duplicates, total]).toEqual([0, 25]);
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
