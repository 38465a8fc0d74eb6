import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { liftSuppression } from "../worker/domain/readers/suppression.ts";
import {
  db,
  enrollmentOf,
  linkIn,
  mailsTo,
  postForm,
  request,
  runCron,
  subscribeAndConfirm,
  subscriberByEmail,
} from "./helpers.ts";

async function sign(id: string, timestamp: number, body: string, secret = env.RESEND_WEBHOOK_SECRET!) {
  const key = await crypto.subtle.importKey(
    "raw",
    Uint8Array.from(atob(secret.slice(6)), (c) => c.charCodeAt(0)),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${id}.${timestamp}.${body}`)),
  );
  return `v1,${btoa(String.fromCharCode(...mac))}`;
}

let ids = 0;
async function deliver(event: unknown, options: { id?: string; timestamp?: number; signature?: string } = {}) {
  const body = JSON.stringify(event);
  const id = options.id ?? `msg_${Date.now()}_${ids++}`;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = options.signature ?? (await sign(id, timestamp, body));
  return request("/webhooks/resend", {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "svix-id": id,
      "svix-timestamp": String(timestamp),
      "svix-signature": `v1,bm9wZQ== ${signature}`,
    },
  });
}

const event = (type: string, to: string, bounce?: string) => ({
  type,
  created_at: new Date().toISOString(),
  data: {
    email_id: "e1",
    created_at: new Date().toISOString(),
    from: "x",
    to: [to],
    subject: "Les",
    ...(bounce ? { bounce: { type: bounce, subType: "General", message: "", diagnosticCode: [] } } : {}),
  },
});

describe("Resend webhooks", () => {
  it("suppresses the address at once on a hard bounce, and no lesson goes out after it", async () => {
    const { email, subscriber } = await subscribeAndConfirm();
    const before = await mailsTo(email);
    const response = await deliver(event("email.bounced", email, "Permanent"));
    expect(response.status).toBe(200);
    expect((await subscriberByEmail(email))?.status).toBe("suppressed");
    const enrollment = (await enrollmentOf(subscriber.id))!;
    expect(enrollment.state).toBe("stopped");
    await runCron(enrollment.nextSendAt!);
    expect(await mailsTo(email)).toEqual(before);
  });

  it("suppresses on a complaint, but not on a transient bounce", async () => {
    const complained = await subscribeAndConfirm();
    await deliver(event("email.complained", complained.email));
    expect((await subscriberByEmail(complained.email))?.status).toBe("suppressed");
    const soft = await subscribeAndConfirm();
    await deliver(event("email.bounced", soft.email, "Transient"));
    expect((await subscriberByEmail(soft.email))?.status).toBe("active");
  });

  it("mails a complained address nothing from the form until the author lifts it, and ignores a replayed event", async () => {
    const { email } = await subscribeAndConfirm();
    const id = `msg_replay_${Date.now()}`;
    await deliver(event("email.complained", email), { id });
    const before = (await mailsTo(email)).length;
    await postForm("/inschrijven", { email });
    expect((await subscriberByEmail(email))?.status).toBe("suppressed");
    expect(await mailsTo(email)).toHaveLength(before);
    await liftSuppression(db, [env.TOKEN_SECRET], email);
    await postForm("/inschrijven", { email });
    expect((await subscriberByEmail(email))?.status).toBe("pending");
    const [confirmation] = await mailsTo(email);
    expect(confirmation!.subject).toBe("Bevestig je inschrijving");
    await request(linkIn(confirmation!.text, "/bevestig/"), { method: "POST" });
    expect((await subscriberByEmail(email))?.status).toBe("active");
    const replay = await deliver(event("email.complained", email), { id });
    expect(replay.status).toBe(200);
    expect((await subscriberByEmail(email))?.status).toBe("active");
  });

  it("suppresses every address of a complaint sent to fifty readers at once", async () => {
    const readers = await Promise.all(Array.from({ length: 50 }, () => subscribeAndConfirm()));
    const complaint = event("email.complained", readers[0]!.email);
    complaint.data.to = readers.map((reader) => reader.email);
    const response = await deliver(complaint);
    expect(response.status).toBe(200);
    for (const { email } of readers) expect((await subscriberByEmail(email))!.status, email).toBe("suppressed");
  });

  it("refuses a wrong signature, a stale timestamp or a missing header, and changes nothing", async () => {
    const { email } = await subscribeAndConfirm();
    const payload = event("email.complained", email);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const attempts = [
      await deliver(payload, { signature: "v1,AAAA" }),
      await deliver(payload, {
        timestamp: stale,
        signature: await sign("msg_stale", stale, JSON.stringify(payload)),
        id: "msg_stale",
      }),
      await deliver(payload, {
        signature: await sign(
          "x",
          Math.floor(Date.now() / 1000),
          JSON.stringify(payload),
          `whsec_${btoa("another-secret")}`,
        ),
      }),
      await request("/webhooks/resend", { method: "POST", body: JSON.stringify(payload) }),
    ];
    expect(attempts.map((response) => response.status)).toEqual([401, 401, 401, 401]);
    expect((await subscriberByEmail(email))?.status).toBe("active");
  });
});
