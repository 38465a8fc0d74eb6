import type { Config } from "../config.ts";
import { envelope, footerUrls, listUnsubscribeHeaders } from "../mail/links.ts";
import { personalise } from "../mail/personalise.ts";
import type { ComposedMail } from "../mail/transport.ts";
import type { BatchDelivery } from "../sending/batches.ts";
import { personalTokens } from "../sending/delivery-id.ts";
import { COURSE_COMPLETE, lessonBySlug } from "./course.ts";

/** The subject of the mail after the last lesson. */
export const COURSE_COMPLETE_SUBJECT = "Je hebt de hele reeks gelezen";

export function subjectFor(slug: string): string {
  return slug === COURSE_COMPLETE ? COURSE_COMPLETE_SUBJECT : lessonBySlug(slug)!.title;
}

/** A lesson or the closing mail, addressed to one reader, with their own links, from its template. */
export async function composeCourseMail(cfg: Config, delivery: BatchDelivery): Promise<ComposedMail> {
  const tokens = await personalTokens(cfg, delivery);
  // The template is the lesson's own, whatever name the delivery knows it by.
  const slug = delivery.ref === COURSE_COMPLETE ? COURSE_COMPLETE : (lessonBySlug(delivery.ref)?.slug ?? delivery.ref);
  const { html, text } = personalise(`course/${slug}`, {
    url: cfg.PUBLIC_URL,
    firstName: delivery.firstName ?? undefined,
    ...tokens,
  });
  return {
    ...envelope(cfg, delivery.email, subjectFor(delivery.ref)),
    html,
    text,
    headers: listUnsubscribeHeaders(footerUrls(cfg, tokens).unsubscribeUrl),
  };
}
