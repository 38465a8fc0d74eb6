import type { Database } from "../../mechanisms/db/client.ts";
import type { Config } from "../../mechanisms/lib/config.ts";
import { envelope, footerUrls, listUnsubscribeHeaders } from "../../mechanisms/mail/links.ts";
import type { ComposedMail } from "../../mechanisms/mail/transport.ts";
import type { BatchDelivery } from "../../mechanisms/sending/batches.ts";
import { personalTokens } from "../../mechanisms/sending/delivery-id.ts";
import { closingSeries, lessonBySlug } from "../course/course.ts";
import { answeredAmong } from "../reflections/answers.ts";
import { closingTemplateKey } from "./closing-key.ts";
import { personalise } from "./templates.ts";

/** The subject of the mail after the last lesson. */
export const COURSE_COMPLETE_SUBJECT = "Je hebt de hele reeks gelezen";

function subjectFor(ref: string): string {
  return closingSeries(ref) ? COURSE_COMPLETE_SUBJECT : lessonBySlug(ref)!.title;
}

/**
 * The template of a lesson (scripts/mail-templates.ts), or of its variant that opens with the
 * line for `after`, the reader's answer to the previous lesson.
 */
export function lessonTemplateKey(slug: string, after?: string): string {
  return after === undefined ? `lesson/${slug}` : `lesson/${slug}/na/${after}`;
}

/**
 * The template of the course mail `ref`: a series' closing mail (without its look back when she
 * answered none), or a lesson by the slug it has now, whatever name the delivery knows it by,
 * opened by the line for `after` if it has one.
 */
function courseTemplateKey(ref: string, answered: number, after: string | undefined): string {
  const series = closingSeries(ref);
  if (series) return closingTemplateKey(series.id, answered);
  const lesson = lessonBySlug(ref);
  if (!lesson) return lessonTemplateKey(ref);
  return lessonTemplateKey(lesson.slug, after !== undefined && lesson.after?.[after] ? after : undefined);
}

/**
 * A lesson or a closing mail, addressed to one reader, with their own links, from its template;
 * `after` is her answer to the lesson before it, as the claim found it on her enrollment.
 */
export async function composeCourseMail(
  cfg: Config,
  delivery: BatchDelivery,
  db: Database,
  after?: string,
): Promise<ComposedMail> {
  const tokens = await personalTokens(cfg, delivery);
  const series = closingSeries(delivery.ref);
  const questions = series?.lessons.map((lesson) => lesson.question.id) ?? [];
  const answered = series ? await answeredAmong(db, delivery.subscriberId, questions) : 0;
  const { html, text } = personalise(courseTemplateKey(delivery.ref, answered, after), {
    url: cfg.PUBLIC_URL,
    firstName: delivery.firstName ?? undefined,
    ...(series ? { answered: String(answered) } : {}),
    ...tokens,
  });
  return {
    ...envelope(cfg, delivery.email, subjectFor(delivery.ref)),
    html,
    text,
    headers: listUnsubscribeHeaders(footerUrls(cfg, tokens).unsubscribeUrl),
  };
}
