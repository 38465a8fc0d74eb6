import { createElement } from "react";
import { CourseCompleteEmail } from "../../emails/course-complete-email.tsx";
import { LessonEmail } from "../../emails/lesson-email.tsx";
import { config, type Config } from "../config.ts";
import { database, type Database } from "../db/client.ts";
import { headerSafe, linkToken, listUnsubscribeHeaders, readerLinks } from "../mail/links.ts";
import { renderMail } from "../mail/render.ts";
import type { MailTransport, OutgoingMail } from "../mail/transport.ts";
import { hashToken } from "../lib/tokens.ts";
import { course, lessonBySlug } from "./course.ts";
import { loadClaimed, recordOutcomes, type ClaimedDelivery, type DeliveryOutcome } from "./deliveries.ts";

async function composeDelivery(cfg: Config, delivery: ClaimedDelivery): Promise<OutgoingMail> {
  const links = await readerLinks(cfg, delivery.subscriberId);
  const firstName = delivery.firstName ?? undefined;
  const lesson = lessonBySlug(delivery.lessonSlug);
  let subject: string;
  let rendered: { html: string; text: string };
  if (lesson) {
    const answerToken = await linkToken(cfg, "answer", delivery.id);
    const answerUrls = lesson.question.answers.map((answer) => `${cfg.PUBLIC_URL}/reflectie/${answerToken}/${answer.key}`);
    subject = lesson.title;
    rendered = await renderMail(createElement(LessonEmail, { lesson, totalLessons: course.length, firstName, answerUrls, ...links }));
  } else {
    subject = "Je hebt de hele reeks gelezen";
    rendered = await renderMail(createElement(CourseCompleteEmail, { firstName, ...links }));
  }
  return {
    to: delivery.email,
    from: cfg.MAIL_FROM,
    ...(cfg.MAIL_REPLY_TO ? { replyTo: cfg.MAIL_REPLY_TO } : {}),
    subject: headerSafe(subject),
    ...rendered,
    headers: listUnsubscribeHeaders(links.unsubscribeUrl),
    idempotencyKey: `delivery/${delivery.id}`,
  };
}

/** The same key for the same set of deliveries, however often the batch is retried. */
async function batchKey(ids: string[]): Promise<string> {
  return `deliveries/${await hashToken([...ids].sort().join(","))}`;
}

/**
 * Sends the claimed deliveries among `ids` in one transport batch and records
 * each outcome. Readers who left since the claim are skipped; a retryable
 * transport failure propagates, leaving the deliveries claimed for a retry.
 */
export async function sendDeliveries(env: Env, transport: MailTransport, ids: string[], now: number, db: Database = database(env)): Promise<DeliveryOutcome[]> {
  const cfg = config(env);
  const claimed = await loadClaimed(db, ids);
  const skipped: DeliveryOutcome[] = claimed.filter((d) => d.subscriberStatus !== "active").map((d) => ({ id: d.id, status: "skipped" }));
  const sendable = claimed.filter((d) => d.subscriberStatus === "active");
  const mails = await Promise.all(sendable.map((delivery) => composeDelivery(cfg, delivery)));
  const results = mails.length > 0 ? await transport.sendBatch(mails, await batchKey(sendable.map((d) => d.id))) : [];
  const outcomes = [
    ...skipped,
    ...results.map((result, index): DeliveryOutcome => {
      const id = sendable[index]!.id;
      return result.ok ? { id, status: "sent", providerId: result.id } : { id, status: "failed", error: result.error.slice(0, 500) };
    }),
  ];
  await recordOutcomes(db, outcomes, now);
  return outcomes;
}
