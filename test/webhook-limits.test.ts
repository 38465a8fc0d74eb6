import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { app } from "../worker/doors/app.ts";
import { webhookEvents } from "../worker/mechanisms/db/schema.ts";
import { BASE, db, runCron } from "./helpers.ts";

const LIMIT = 256 * 1024;
const CHUNK = 16 * 1024;

/** A 4 MB body handed out chunk by chunk, counting how much of it the Worker pulled. */
function hugeBody() {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= 4 * 1024 * 1024) return controller.close();
      pulled += CHUNK;
      controller.enqueue(new Uint8Array(CHUNK).fill(0x20));
    },
  });
  return { stream, pulled: () => pulled };
}

function post(body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return app.fetch(
    new Request(`${BASE}/webhooks/resend`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "svix-id": "msg_big", ...headers },
      duplex: "half",
    } as RequestInit),
    env,
  );
}

describe("the webhook's body limit", () => {
  it("refuses a body whose Content-Length is over the limit without reading it", async () => {
    const body = hugeBody();
    const response = await post(body.stream, { "content-length": String(4 * 1024 * 1024) });
    expect(response.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(2 * CHUNK);
  });

  it("stops reading a streamed body as soon as it passes the limit", async () => {
    const body = hugeBody();
    const response = await post(body.stream);
    expect(response.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(LIMIT + 2 * CHUNK);
  });
});

describe("remembered webhook ids", () => {
  it("are pruned by the cron run once they are past the replay window", async () => {
    const now = Date.now();
    const old = `msg_old_${now}`;
    const fresh = `msg_fresh_${now}`;
    await db.insert(webhookEvents).values([
      { svixId: old, receivedAt: now - 60 * 60_000 },
      { svixId: fresh, receivedAt: now - 60_000 },
    ]);
    await runCron(now);
    const kept = async (id: string) =>
      (await db.select().from(webhookEvents).where(eq(webhookEvents.svixId, id)).get()) !== undefined;
    expect(await kept(old)).toBe(false);
    expect(await kept(fresh)).toBe(true);
  });
});
