import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { claimDue } from "../worker/course/deliveries.ts";
import { deliveries } from "../worker/db/schema.ts";
import { config } from "../worker/config.ts";
import { env } from "cloudflare:workers";
import { allLinks, db, deliverBatch, enrollmentOf, mailsTo, request, runCron, subscribeAndConfirm, subscriberByEmail } from "./helpers.ts";

async function readerWithUnsubscribeLink() {
  const reader = await subscribeAndConfirm();
  const [lesson] = await mailsTo(reader.email);
  return { ...reader, path: allLinks(lesson!.text, "/afmelden/")[0]! };
}

describe("unsubscribing", () => {
  it("unsubscribes at once on the RFC 8058 one-click POST, without login or cookie", async () => {
    const { email, subscriber, path } = await readerWithUnsubscribeLink();
    const response = await request(path, {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await response.text()).toContain("Je bent afgemeld");
    expect((await subscriberByEmail(email))?.status).toBe("unsubscribed");
    expect((await enrollmentOf(subscriber.id))?.state).toBe("stopped");
  });

  it("accepts the one-click POST as multipart too", async () => {
    const { email, path } = await readerWithUnsubscribeLink();
    const body = new FormData();
    body.set("List-Unsubscribe", "One-Click");
    const response = await request(path, { method: "POST", body });
    expect(response.status).toBe(200);
    expect((await subscriberByEmail(email))?.status).toBe("unsubscribed");
  });

  it("shows a page with one button on GET and changes nothing until it is pressed", async () => {
    const { email, path } = await readerWithUnsubscribeLink();
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

  it("sends nothing more after unsubscribing, not even a lesson that was already due", async () => {
    const { email, subscriber, path } = await readerWithUnsubscribeLink();
    const due = (await enrollmentOf(subscriber.id))!.nextSendAt!;
    await request(path, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) });
    await runCron(due);
    await runCron(due + 30 * 86_400_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await mailsTo(email)).toHaveLength(3);
  });

  it("skips a lesson claimed before the reader unsubscribed", async () => {
    const { email, subscriber, path } = await readerWithUnsubscribeLink();
    const due = (await enrollmentOf(subscriber.id))!.nextSendAt!;
    const claim = (await claimDue(db, config(env), due, { subscriberId: subscriber.id }))!;
    const claimed = claim.deliveryIds[0];
    await request(path, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) });
    const result = await deliverBatch([{ id: "m1", body: { batchKey: claim.batchKey, deliveryId: claimed! } }]);
    expect(result.explicitAcks).toEqual(["m1"]);
    expect(await mailsTo(email)).toHaveLength(3);
    const row = await db.select().from(deliveries).where(eq(deliveries.id, claimed!)).get();
    expect(row?.status).toBe("skipped");
  });

  it("answers a made-up token with the invalid-link page and changes nothing", async () => {
    const response = await request(`/afmelden/${"Z".repeat(43)}`, { method: "POST", body: "List-Unsubscribe=One-Click" });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Deze link werkt niet (meer)");
  });
});
