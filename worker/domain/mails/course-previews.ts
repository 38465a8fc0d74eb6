import type { Database } from "../../mechanisms/db/client.ts";
import type { DeliveryKind } from "../../mechanisms/db/schema.ts";
import type { Config } from "../../mechanisms/lib/config.ts";
import { authorMailKey } from "../../mechanisms/lib/links-from-before.ts";
import type { ComposedMail } from "../../mechanisms/mail/transport.ts";
import { course, defaultSeries } from "../course/course.ts";
import type { Series } from "../course/course-schema.ts";
import { composers } from "./index.ts";

/** One mail a reader of the course gets, as the author's Lessons page lists it. */
export type CourseMail = { key: string; name: string; kind: DeliveryKind; ref: string };

/**
 * The placeholder reader every preview and test mail is made for. A real reader's id is
 * random base64url and never holds a space, so the links derived from this one (answer,
 * unsubscribe, preferences, confirm) match no reader and no delivery: a test mail's links
 * change nothing for anyone.
 */
export const SAMPLE_READER = { subscriberId: "voorbeeld lezer", firstName: "Anna" } as const;

/** The mails of one series, each under its key on the Lessons page (see `authorMailKey`). */
function seriesMails(series: Series): CourseMail[] {
  const key = (mail: string | number) => authorMailKey(series.id, series === defaultSeries, mail);
  const named = course.series.length > 1 ? `${series.name}: ` : "";
  return [
    ...series.lessons.map((lesson) => ({
      key: key(lesson.order),
      name: `${named}les ${lesson.order}`.replace(/^les/, "Les"),
      kind: "lesson" as const,
      ref: lesson.slug,
    })),
    {
      key: key("afsluiting"),
      name: `${named}afsluiting na de laatste les`.replace(/^a/, "A"),
      kind: "closing",
      ref: series.id,
    },
  ];
}

/**
 * Every mail of the course in the order a reader gets them: confirmation, welcome, then each
 * series' lessons and closing mail; last the one a subscribed reader gets when she signs up again.
 */
export function courseMails(): CourseMail[] {
  return [
    { key: "bevestiging", name: "Bevestiging van de inschrijving", kind: "confirmation", ref: "voorbeeld" },
    { key: "welkom", name: "Welkom", kind: "welcome", ref: "voorbeeld" },
    ...course.series.flatMap(seriesMails),
    { key: "eigen-links", name: "Eigen links, voor wie zich opnieuw inschrijft", kind: "links", ref: "voorbeeld" },
  ];
}

/** The course mail at `key` ("bevestiging", "welkom", a lesson's number, "afsluiting", "eigen-links"), or null. */
export function courseMailByKey(key: string): CourseMail | null {
  return courseMails().find((mail) => mail.key === key) ?? null;
}

/** The mail exactly as its composer makes it for a reader, here the sample reader at address `to`. */
export function sampleMail(cfg: Config, db: Database, mail: CourseMail, to: string): Promise<ComposedMail> {
  return composers[mail.kind].compose(
    cfg,
    {
      id: "voorbeeld",
      kind: mail.kind,
      ref: mail.ref,
      round: null,
      subscriberId: SAMPLE_READER.subscriberId,
      email: to,
      firstName: SAMPLE_READER.firstName,
      subscriberStatus: composers[mail.kind].sendsTo,
    },
    db,
  );
}

/**
 * The preview text an inbox shows after the subject: React Email's hidden Preview block, the
 * first element of the body, read back from the rendered mail so it is what readers see.
 */
export function preheaderOf(html: string): string {
  const match = /<div[^>]*data-skip-in-text="true"[^>]*>([^<]*)/.exec(html);
  return (match?.[1] ?? "")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .trim();
}
