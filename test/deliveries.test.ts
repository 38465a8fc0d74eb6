import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { claimDue } from "../worker/domain/course/claim.ts";
import { deliveries, sendBatches } from "../worker/mechanisms/db/schema.ts";
import { config } from "../worker/mechanisms/lib/config.ts";
import { deliveryId } from "../worker/mechanisms/sending/delivery-id.ts";
import { db, enrollmentOf, lessonsReceived, subscribeAndConfirm } from "./helpers.ts";

describe("claiming due lessons", () => {
  it("lets only one of two concurrent runs claim a reader's lesson", async () => {
    const { subscriber } = await subscribeAndConfirm();
    const due = (await enrollmentOf(subscriber.id))!.nextSendAt!;
    const cfg = config(env);
    const claims = await Promise.all([
      claimDue(db, cfg, due, { subscriberId: subscriber.id }),
      claimDue(db, cfg, due, { subscriberId: subscriber.id }),
    ]);
    const ids = claims.flatMap((claim) => claim?.deliveryIds ?? []);
    expect(ids).toHaveLength(1);
    const claimed = await db.select().from(deliveries).where(eq(deliveries.id, ids[0]!)).get();
    expect(claimed).toMatchObject({ subscriberId: subscriber.id, kind: "lesson", ref: expect.any(String) });
    expect(await deliveryId(cfg, claimed!)).toBe(ids[0]);
    expect(await lessonsReceived(subscriber.id)).toHaveLength(2);
    const emptyBatches = claims.filter((claim) => claim && claim.deliveryIds.length === 0);
    for (const claim of emptyBatches) {
      const batch = await db.select().from(sendBatches).where(eq(sendBatches.key, claim!.batchKey)).get();
      expect(batch?.completedAt).not.toBeNull();
    }
  });
});
