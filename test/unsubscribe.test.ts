import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { claimDue } from "../worker/domain/course/claim.ts";
import { config } from "../worker/mechanisms/lib/config.ts";
import { deliveryStatus } from "../worker/mechanisms/sending/batches.ts";
import {
  BASE,
  db,
  deliverBatch,
  enrollmentOf,
  mailsTo,
  readerWithLesson,
  request,
  subscriberByEmail,
} from "./helpers.ts";

describe("unsubscribing", () => {
  it("shows one button to leave, and pausing as the alternative, on GET, and changes nothing until one is pressed", async () => {
    const { email, subscriber, unsubscribe: path } = await readerWithLesson();
    const page = await request(path);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body.match(/<button[^>]*>Ja, meld me af</g)).toHaveLength(1);
    expect(body).toContain(`action="${path}"`);
    expect(body).toContain(`action="${path}/pauzeren"`);
    expect(body).not.toContain("data-auto");
    expect((await subscriberByEmail(email))?.status).toBe("active");
    expect((await enrollmentOf(subscriber.id))?.state).toBe("active");

    await request(path, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) });
    expect((await subscriberByEmail(email))?.status).toBe("unsubscribed");
    expect(await (await request(path)).text()).toContain("Je bent al afgemeld");
  });

  it("pauses the lessons instead, when the reader presses that button: she stays subscribed", async () => {
    const { email, subscriber, unsubscribe: path } = await readerWithLesson();
    const paused = await request(`${path}/pauzeren`, { method: "POST" });
    expect(paused.status).toBe(200);
    const body = await paused.text();
    expect(body).toContain("Je lessen staan op pauze");
    expect((await enrollmentOf(subscriber.id))?.state).toBe("paused");
    expect((await subscriberByEmail(email))?.status).toBe("active");

    const again = await (await request(path)).text();
    expect(again).toContain("Je lessen staan al op pauze");
    expect(again).not.toContain(`action="${path}/pauzeren"`);
    expect(again).toContain(`action="${path}"`);
  });

  it("names the way to her own page without carrying it: that link in her mail, never a link from here", async () => {
    const { email, unsubscribe: path, preferences } = await readerWithLesson();
    const [lesson] = await mailsTo(email);
    expect(lesson!.text).toContain(`Pauzeren of voorkeuren\n${BASE}${preferences}`);
    const pages = [await request(path), await request(`${path}/pauzeren`, { method: "POST" }), await request(path)];
    for (const page of pages) {
      const body = await page.text();
      expect(body).toContain("via de link <strong>Pauzeren of voorkeuren</strong> onderaan elke mail van ons");
      expect(body).not.toContain("/voorkeuren/");
      expect(body).not.toContain("/reflectie/");
    }
  });

  it("pauses nothing for a reader who left, or with a made-up token", async () => {
    const { subscriber, unsubscribe: path } = await readerWithLesson();
    await request(path, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) });
    const left = await request(`${path}/pauzeren`, { method: "POST" });
    expect(left.status).toBe(409);
    expect(await left.text()).toContain("Er is niets veranderd");
    expect((await enrollmentOf(subscriber.id))?.state).toBe("stopped");
    const madeUp = await request(`/afmelden/${"Z".repeat(43)}/pauzeren`, { method: "POST" });
    expect(madeUp.status).toBe(404);
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
