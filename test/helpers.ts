import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { vi } from "vitest";
import worker from "../worker/index.ts";
import { database } from "../worker/mechanisms/db/client.ts";
import { deliveries, enrollments, outbox, sendBatches, subscribers } from "../worker/mechanisms/db/schema.ts";
import type { DeliveryMessage } from "../worker/mechanisms/sending/queue.ts";

export const BASE = "https://rustenrichting.test";
export const db = database(env);

let counter = 0;
/** A fresh address per call, so tests never share readers. */
export function uniqueEmail(name = "lezer"): string {
  return `${name}.${Date.now().toString(36)}.${(counter++).toString(36)}@voorbeeld.nl`;
}

/** A client IP of its own (documentation range, a /64 of its own: the per-IP limit counts a /64), so tests in any order never share a rate limit. */
function randomClientIp(): string {
  const [a, b] = crypto.getRandomValues(new Uint16Array(2));
  return `2001:db8:${a!.toString(16)}:${b!.toString(16)}::1`;
}

/** A request as a browser would send it, from its own client IP (as Cloudflare tells the Worker) unless the test names one. */
export function request(path: string, init?: RequestInit): Promise<Response> {
  const headers = new Headers(init?.headers);
  if (!headers.has("cf-connecting-ip")) headers.set("cf-connecting-ip", randomClientIp());
  // A browser names the page's origin on every form it posts.
  if (init?.method && init.method !== "GET" && !headers.has("origin")) headers.set("origin", BASE);
  return exports.default.fetch(new Request(`${BASE}${path}`, { redirect: "manual", ...init, headers }));
}

export function postForm(
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return request(path, { method: "POST", body: new URLSearchParams(fields), headers });
}

/** True once no send batch holding a mail to `email` is still open: the queue has done its work for that reader. */
async function queueSettledFor(email: string): Promise<boolean> {
  const open = await db
    .select({ key: sendBatches.key })
    .from(deliveries)
    .innerJoin(subscribers, eq(subscribers.id, deliveries.subscriberId))
    .innerJoin(sendBatches, eq(sendBatches.key, deliveries.batchKey))
    .where(and(sql`lower(${subscribers.email}) = lower(${email})`, isNull(sendBatches.completedAt)))
    .limit(1)
    .all();
  return open.length === 0;
}

/** The mails in the outbox for `email`, newest first, once the queue has sent what was claimed for them. */
export async function mailsTo(email: string) {
  await vi.waitUntil(() => queueSettledFor(email), { timeout: 10_000, interval: 20 });
  return db.select().from(outbox).where(eq(outbox.to, email)).orderBy(desc(outbox.id)).all();
}

export async function subscriberByEmail(email: string) {
  return db.select().from(subscribers).where(eq(subscribers.email, email)).get();
}

export async function enrollmentOf(subscriberId: string) {
  return db.select().from(enrollments).where(eq(enrollments.subscriberId, subscriberId)).get();
}

/** The slugs of the lessons claimed for a reader so far, in the order they came. */
export async function lessonsReceived(subscriberId: string): Promise<string[]> {
  const enrollment = await enrollmentOf(subscriberId);
  return enrollment ? (JSON.parse(enrollment.received) as string[]) : [];
}

/** The first link in a mail's plain text whose path starts with `prefix`. */
export function linkIn(text: string, prefix: string): string {
  const match = new RegExp(`${BASE.replace(/\./g, "\\.")}${prefix}[^\\s\\]>)"]*`).exec(text);
  if (!match) throw new Error(`no ${prefix} link in mail`);
  return match[0].slice(BASE.length);
}

export function allLinks(text: string, prefix: string): string[] {
  return [...text.matchAll(new RegExp(`${BASE.replace(/\./g, "\\.")}${prefix}[^\\s\\]>)"]*`, "g"))].map((m) =>
    m[0].slice(BASE.length),
  );
}

/** Signs up and confirms a reader the way a person would; returns their address and row. */
export async function subscribeAndConfirm(firstName = "Anna") {
  const email = uniqueEmail();
  await postForm("/inschrijven", { email, voornaam: firstName });
  const [confirmation] = await mailsTo(email);
  const response = await request(linkIn(confirmation!.text, "/bevestig/"), { method: "POST" });
  if (response.status !== 200) throw new Error(`confirm failed: ${response.status}`);
  const subscriber = (await subscriberByEmail(email))!;
  return { email, subscriber };
}

/** A confirmed reader and the paths in their first lesson: every answer link, their page and unsubscribe. */
export async function readerWithLesson(firstName = "Anna") {
  const reader = await subscribeAndConfirm(firstName);
  const [lesson] = await waitForMails(reader.email, 3);
  const answerLinks = allLinks(lesson!.text, "/reflectie/");
  return {
    ...reader,
    answerLinks,
    answerToken: answerLinks[0]!.split("/")[2]!,
    preferences: linkIn(lesson!.text, "/voorkeuren/"),
    unsubscribe: linkIn(lesson!.text, "/afmelden/"),
  };
}

/** A reader who picked lesson 1's first answer and added `note`, shared with the author or kept private. */
export async function readerWhoAnswered({
  note = "Vooral 's avonds merk ik het.",
  share = true,
  firstName = "Iris",
} = {}) {
  const reader = await readerWithLesson(firstName);
  await request(reader.answerLinks[0]!, { method: "POST" });
  await postForm(`/reflectie/${reader.answerToken}`, share ? { notitie: note, delen: "ja" } : { notitie: note });
  return reader;
}

/** Fires the cron as the platform would, at `time`. */
export async function runCron(time: number): Promise<void> {
  await worker.scheduled(createScheduledController({ scheduledTime: time, cron: "*/15 * * * *" }), env);
}

/** Hands a queue's consumer one batch, as the platform would; returns what it acked or retried. */
export async function deliverBatch(
  messages: { id: string; attempts?: number; body: DeliveryMessage }[],
  queue: "lesson-deliveries" | "lesson-deliveries-dead" = "lesson-deliveries",
) {
  const batch = createMessageBatch<DeliveryMessage>(
    queue,
    messages.map((message) => ({ timestamp: new Date(), attempts: 1, ...message })),
  );
  await worker.queue(batch, env);
  return getQueueResult(batch, createExecutionContext());
}

/** Waits until the reader's outbox holds `count` mails (the queue consumer runs on its own). */
export async function waitForMails(email: string, count: number) {
  return vi.waitUntil(
    async () => {
      const mails = await mailsTo(email);
      return mails.length >= count ? mails : false;
    },
    { timeout: 5000, interval: 20 },
  );
}
