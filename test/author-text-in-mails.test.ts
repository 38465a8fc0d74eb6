import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { issueFigures } from "../worker/domain/newsletter/issues.ts";
import { newsletterIssues } from "../worker/mechanisms/db/schema.ts";
import { READER_MARKERS } from "../worker/mechanisms/mail/markers.ts";
import { authorSession } from "./author-session.ts";
import { allLinks, db, mailsTo, postForm, readerWithLesson, request, uniqueEmail } from "./helpers.ts";

/** The markers as they were spelt before, and as they are spelt now: an author may type either. */
const OLD_CONFIRM = "__rr_confirm_9f2c__";
const OLD_UNSUBSCRIBE = "__rr_unsubscribe_9f2c__";
const OLD_NAME = "__rr_name_9f2c__";

async function writeIssue(cookie: string, fields: Record<string, string>) {
  const response = await postForm("/beheer/nieuwsbrief/nieuw", fields, { cookie });
  expect(response.status).toBe(303);
  const id = response.headers.get("location")!.split("/").pop()!.split("?")[0]!;
  return (await db.select().from(newsletterIssues).where(eq(newsletterIssues.id, id)).get())!;
}

/** The issue's row, as it is now. */
const issueRow = async (id: string) =>
  (await db.select().from(newsletterIssues).where(eq(newsletterIssues.id, id)).get())!;

describe("author text that spells a template marker", () => {
  it("shows an issue whose text spells the confirm marker as written, on its page, in its previews and in a test mail", async () => {
    const cookie = await authorSession();
    const body = `Zo ziet een marker eruit: \`${OLD_CONFIRM}\`, en zo: ${READER_MARKERS.confirmToken}.`;
    const issue = await writeIssue(cookie, {
      onderwerp: `Over ${OLD_NAME}`,
      voorvertoning: `Een regel met ${READER_MARKERS.preferencesToken}`,
      tekst: body,
      vraag: `Ken je ${OLD_UNSUBSCRIBE}?`,
      antwoorden: `Ja, ${READER_MARKERS.answerToken}\nNee\nIk weet het nog niet`,
    });

    const page = await request(`/beheer/nieuwsbrief/${issue.id}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const shown = await page.text();
    expect(shown).toContain(OLD_CONFIRM);
    expect(shown).toContain(READER_MARKERS.confirmToken);

    for (const mode of ["licht", "donker"]) {
      const preview = await request(`/beheer/nieuwsbrief/${issue.id}/voorbeeld/${mode}`, { headers: { cookie } });
      expect(preview.status).toBe(200);
      const html = await preview.text();
      expect(html).toContain(`<code`);
      expect(html).toContain(`${OLD_CONFIRM}</code>`);
      expect(html).toContain(`zo: ${READER_MARKERS.confirmToken}.`);
      expect(html).toContain(`Over ${OLD_NAME}`);
      expect(html).toContain(`Ken je ${OLD_UNSUBSCRIBE}?`);
      expect(html).toContain(`Ja, ${READER_MARKERS.answerToken}`);
    }

    const author = uniqueEmail("schrijver");
    const test = await postForm(`/beheer/nieuwsbrief/${issue.id}/test`, { adres: author }, { cookie });
    expect(test.status).toBe(303);
    expect(test.headers.get("location")).toBe(`/beheer/nieuwsbrief/${issue.id}?bericht=test`);
    const [mail] = await mailsTo(author);
    expect(mail!.subject).toBe(`[Test] Over ${OLD_NAME}`);
    for (const part of [mail!.html, mail!.text]) {
      expect(part).toContain(OLD_CONFIRM);
      expect(part).toContain(READER_MARKERS.confirmToken);
      expect(part).toContain(`Ken je ${OLD_UNSUBSCRIBE}?`);
    }
    expect(mail!.text).toContain(`Zo ziet een marker eruit: ${OLD_CONFIRM}, en zo: ${READER_MARKERS.confirmToken}.`);
    expect(mail!.html).toContain(`Een regel met ${READER_MARKERS.preferencesToken}`);
    expect(mail!.html).not.toContain("/bevestig/");
  });

  it("sends an issue whose text spells the unsubscribe marker to every reader as written, each with only their own links", async () => {
    const cookie = await authorSession();
    const subject = `Afmelden ${Date.now().toString(36)}`;
    const outside = `https://example.test/stuur/${OLD_UNSUBSCRIBE}`;
    const issue = await writeIssue(cookie, {
      onderwerp: subject,
      voorvertoning: "",
      tekst: `Schrijf \`${OLD_UNSUBSCRIBE}\` of ${READER_MARKERS.unsubscribeToken} over, of volg [deze link](${outside}).`,
    });
    const readers = [await readerWithLesson("Ada"), await readerWithLesson("Bo")];

    const send = await postForm(`/beheer/nieuwsbrief/${issue.id}/versturen`, { zeker: "ja" }, { cookie });
    expect(send.status).toBe(303);
    // "Nu versturen" claims the readers after answering; wait for the claim, then for the queue.
    await vi.waitUntil(async () => (await issueRow(issue.id)).status === "sent", { timeout: 5000, interval: 20 });

    const tokens = readers.map((reader) => reader.unsubscribe.split("/").pop()!);
    for (const [index, reader] of readers.entries()) {
      const mails = (await mailsTo(reader.email)).filter((mail) => mail.subject === subject);
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      expect(mail!.text).toContain(`Schrijf ${OLD_UNSUBSCRIBE} of ${READER_MARKERS.unsubscribeToken} over`);
      expect(mail!.html).toContain(`${OLD_UNSUBSCRIBE}</code> of ${READER_MARKERS.unsubscribeToken} over`);
      expect(mail!.html).toContain(`href="${outside}"`);
      expect(mail!.text).toContain(outside);
      expect(mail!.headers["List-Unsubscribe"]).toContain(`/afmelden/${tokens[index]}`);
      // The reader's own token only where the footer and the headers put it; another reader's nowhere.
      const own = mail!.text.split(tokens[index]!).length - 1;
      expect(own).toBe(allLinks(mail!.text, "/afmelden/").length);
      for (const other of tokens.filter((_, i) => i !== index)) {
        expect(mail!.html).not.toContain(other);
        expect(mail!.text).not.toContain(other);
      }
    }

    const sent = await issueRow(issue.id);
    expect(sent.status).toBe("sent");
    const figures = await issueFigures(db, sent);
    expect(figures).toMatchObject({ sent: sent.claimed, failed: 0, openBatches: 0 });
    const list = await (await request("/beheer/nieuwsbrief", { headers: { cookie } })).text();
    expect(list).toMatch(
      new RegExp(`${subject}</a></th><td>Verstuurd op [^<]+</td><td>${figures.sent}</td><td>0</td>`),
    );
  });
});
