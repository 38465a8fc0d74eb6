import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newsletterIssues } from "../worker/mechanisms/db/schema.ts";
import { authorSession } from "./author-session.ts";
import { db, postForm } from "./helpers.ts";
import { issueFields, issueRow, refusal, writeIssue } from "./newsletter-issue.ts";

describe("a question in an issue", () => {
  const vraag = "Wat laat jij deze week gaan?";

  it("is refused at save without a gentle answer, with a Dutch message under the answers, and nothing is stored", async () => {
    const cookie = await authorSession();
    const subject = `Zonder uitweg ${Date.now().toString(36)}`;
    const created = await postForm(
      "/beheer/nieuwsbrief/nieuw",
      issueFields(subject, { vraag, antwoorden: "Zorgen\nMoeten" }),
      { cookie },
    );
    const body = await refusal(created);
    expect(body).toMatch(/id="antwoorden-fout" role="alert">Elke vraag heeft een zachte uitweg nodig/);
    expect(body).toContain("&quot;Ik weet het nog niet&quot; of &quot;Nu even niet&quot;");
    expect(body).toContain("Zorgen\nMoeten</textarea>");
    expect(await db.select().from(newsletterIssues).where(eq(newsletterIssues.subject, subject)).all()).toEqual([]);

    const issue = await writeIssue(cookie, subject, { vraag, antwoorden: "Zorgen\nNu even niet" });
    const edited = await postForm(
      `/beheer/nieuwsbrief/${issue.id}`,
      issueFields(subject, { vraag, antwoorden: "Zorgen\nMoeten" }),
      { cookie },
    );
    expect(await refusal(edited)).toContain("Elke vraag heeft een zachte uitweg nodig");
    expect(await issueRow(issue.id)).toEqual(issue);
  });

  it("is saved with a gentle answer, worded as in the lessons", async () => {
    const cookie = await authorSession();
    const issue = await writeIssue(cookie, "Met uitweg", { vraag, antwoorden: "Zorgen\nMoeten\nik weet het nog niet" });
    expect(issue.question).toEqual({
      prompt: vraag,
      answers: [
        { key: "antwoord-1", label: "Zorgen" },
        { key: "antwoord-2", label: "Moeten" },
        { key: "antwoord-3", label: "Ik weet het nog niet" },
      ],
    });
    const other = await writeIssue(cookie, "Met pauze", { vraag, antwoorden: "Nu even niet\nRust" });
    expect(other.question?.answers.map((answer) => answer.label)).toEqual(["Nu even niet", "Rust"]);
  });
});
