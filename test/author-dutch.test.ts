import { describe, expect, it } from "vitest";
import { authorSession } from "./author-session.ts";
import { postForm, readerWhoAnswered, request } from "./helpers.ts";

/** What a page shows: its text, without tags, attribute values, styles or scripts. */
function visibleText(html: string): string {
  return html
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ");
}

/** The words of the code's states and kinds, which must never reach the author untranslated. */
const CODE_WORDS =
  /\b(active|pending|unsubscribed|suppressed|paused|completed|stopped|draft|scheduled|sending|sent|confirmation|welcome|lesson|closing|newsletter|claimed|skipped|failed)\b/i;

describe("the author's pages speak Dutch", () => {
  it("shows no state or kind in English on the dashboard, a reader's page, the lists and the tools", async () => {
    const reader = await readerWhoAnswered();
    const cookie = await authorSession();
    const found = await postForm("/beheer/lezers", { email: reader.email }, { cookie });
    const readerPage = found.headers.get("location")!;
    for (const path of [
      "/beheer",
      readerPage,
      "/beheer/lezers",
      "/beheer/import-export",
      "/beheer/status",
      "/beheer/lessen",
      "/beheer/nieuwsbrief",
    ]) {
      const response = await request(path, { headers: { cookie } });
      expect(response.status, path).toBe(200);
      const text = visibleText(await response.text());
      expect(text.match(CODE_WORDS)?.[0], path).toBeUndefined();
    }
  });
});
