import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { config } from "../worker/config.ts";
import { claimDue } from "../worker/course/claim.ts";
import { deliveryStatus } from "../worker/sending/batches.ts";
import { db, deliverBatch, enrollmentOf, mailsTo, readerWithLesson, request, subscriberByEmail } from "./helpers.ts";

describe("unsubscribing", () => {
  it("shows a page with one button on GET and changes nothing until it is pressed", async () => {
    const { email, unsubscribe: path } = await readerWithLesson();
    const page = await request(path);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body.match(/<button/g)).toHaveLength(1);
    expect(body).toContain(`action="${path}"`);
    expect((await subscriberByEmail(email))?.status).toBe("active");

    await request(path, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) });
    expect((await subscriberByEmail(email))?.status).toBe("unsubscribed");
    expect(await (await request(path)).text()).toContain("Je bent al afgemeld");
  });

  it("skips a lesson claimed before the reader unsubscribed", async () => {
    const { email, subscriber, unsubscribe: path } = await readerWithLesson();
    const due = (await enrollmentOf(subscriber.id))!.nextSendAt!;
    const claim = (await claimDue(db, config(env), due, { subscriberId: subscriber.id }))!;
    const claimed = claim.deliveryIds[0];
    await request(path, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) });
    const result = await deliverBatch([{ id: "m1", body: { batchKey: claim.batchKey, deliveryId: claimed! } }]);
    expect(result.explicitAcks).toEqual(["m1"]);
    expect(await mailsTo(email)).toHaveLength(3);
    expect(await deliveryStatus(db, claimed!)).toBe("skipped");
  });

  it("answers a made-up token with the invalid-link page and changes nothing", async () => {
    const response = await request(`/afmelden/${"Z".repeat(43)}`, {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
    });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Deze link werkt niet (meer)");
  });
});
