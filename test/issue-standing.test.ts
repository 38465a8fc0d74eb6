import { describe, expect, it } from "vitest";
import { createIssue, type Issue, type IssueFigures } from "../worker/domain/newsletter/issues.ts";
import { issueStatus } from "../worker/doors/author/newsletter-editor.ts";
import { amsterdamTime, formatAmsterdam } from "../worker/mechanisms/lib/amsterdam-time.ts";
import { db } from "./helpers.ts";

const sentAt = amsterdamTime(2026, 12, 1, 9);

/** An issue whose readers were all claimed at `sentAt`, and figures with nothing to tell yet. */
async function claimedIssue(): Promise<{ issue: Issue; none: IssueFigures }> {
  const draft = await createIssue(
    db,
    { subject: "Een brief", preheader: "", body: "Tekst.", question: null, public: false },
    sentAt,
  );
  return {
    issue: { ...draft, status: "sent", sendAt: sentAt, sentAt, claimed: 3 },
    none: { claimed: 3, sent: 0, failed: 0, openBatches: 0, failing: 0, answers: [] },
  };
}

describe("where an issue stands, as its list and its page say it", () => {
  it("says Verstuurd only when its mails went out, and otherwise what happened", async () => {
    const { issue, none } = await claimedIssue();
    const on = formatAmsterdam(sentAt);
    expect(issueStatus(issue, { ...none, sent: 3 })).toBe(`Verstuurd op ${on}`);
    expect(issueStatus(issue, { ...none, sent: 2, failed: 1 })).toBe(
      `Deels verstuurd op ${on}: 1 van de 3 mails is mislukt.`,
    );
    expect(issueStatus(issue, { ...none, failed: 3 })).toBe("Niet verstuurd: alle 3 mails zijn mislukt.");
    expect(issueStatus(issue, { ...none, claimed: 1, failed: 1 })).toBe("Niet verstuurd: de mail is mislukt.");
    expect(issueStatus(issue, { ...none, claimed: 0 })).toBe("Niet verstuurd: er was niemand om het naar te sturen.");
    expect(issueStatus(issue, { ...none, sent: 1, openBatches: 1 })).toBe(
      "Wordt nu verstuurd: 1 mail van de 3 is weg.",
    );
    expect(issueStatus(issue, { ...none, openBatches: 1, failing: 1 })).toBe(
      "Nog niet verstuurd: het lukt nog niet, en wordt vanzelf opnieuw geprobeerd.",
    );
    expect(issueStatus(issue, { ...none, sent: 2, openBatches: 1, failing: 1 })).toBe(
      "Deels verstuurd: 2 mails van de 3 zijn weg, de rest lukt nog niet en wordt vanzelf opnieuw geprobeerd.",
    );
  });
});
