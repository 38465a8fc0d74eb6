import { html } from "hono/html";
import type { Question } from "../../domain/course/lesson-schema.ts";
import { CARE_LINES } from "../../domain/help/lines.ts";

type Answer = Question["answers"][number];

/** The author's reply as written, with her one allowed link, to the help page, made a link. */
function replyText(reply: string) {
  const parts = reply.split("/hulp");
  return parts.map((part, index) => (index === 0 ? part : html`<a href="/hulp">/hulp</a>${part}`));
}

/** What the author wrote back to this answer, if she did. */
export function authorReply(answer: Answer) {
  return answer.reply ? html`<blockquote class="reply"><p>${replyText(answer.reply)}</p></blockquote>` : "";
}

/**
 * After an answer the author marked as heavy: the urgent lines, calmly, before anything is
 * asked of her. Each number is a link to call; a chat where there is one.
 */
export function careLines(answer: Answer) {
  if (!answer.care) return "";
  return html`<section class="care" aria-labelledby="zorg-kop">
    <h2 id="zorg-kop">Je hoeft het niet alleen te dragen</h2>
    <p>Als het nu zwaar is, kun je altijd iemand bellen of chatten. Gratis en anoniem.</p>
    <ul>
      ${CARE_LINES.map(
        (line) => html`<li>
          <strong>${line.name}</strong> (${line.country}): <a href="tel:${line.tel}">${line.phone}</a>, ${line.hours}.
          ${line.chat ? html`Chatten kan op <a href="${line.chat.url}">${new URL(line.chat.url).hostname.replace(/^www\./, "")}</a>.` : ""}
          <span class="muted">${line.about}</span>
        </li>`,
      )}
    </ul>
  </section>`;
}

/** Every thank-you page ends with where to turn when it is too much. */
export const helpFooter = html`<p class="muted">Is het even te veel? Op <a href="/hulp">de hulppagina</a> staat bij wie je terechtkunt.</p>`;
