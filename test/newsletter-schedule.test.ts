import { describe, expect, it } from "vitest";
import { amsterdamTime } from "../worker/mechanisms/lib/amsterdam-time.ts";
import { authorSession } from "./author-session.ts";
import { postForm } from "./helpers.ts";
import { issueRow, refusal, writeIssue } from "./newsletter-issue.ts";

const schedule = (cookie: string, id: string, tijdstip: string) =>
  postForm(`/beheer/nieuwsbrief/${id}/inplannen`, { tijdstip }, { cookie });

describe("scheduling an issue", () => {
  const impossible: [string, string[]][] = [
    [
      "2026-13-45T25:61",
      ["Maand 13 bestaat niet", "Dag 45 bestaat niet", "Uur 25 bestaat niet", "Minuut 61 bestaat niet"],
    ],
    [
      "9999-99-99T99:99",
      [
        "Het jaar 9999 ligt te ver weg",
        "Maand 99 bestaat niet",
        "Dag 99 bestaat niet",
        "Uur 99 bestaat niet",
        "Minuut 99 bestaat niet",
      ],
    ],
    ["2027-02-29T09:00", ["29 februari 2027 bestaat niet; februari 2027 heeft 28 dagen."]],
    ["2031-04-31T09:00", ["31 april 2031 bestaat niet; april 2031 heeft 30 dagen."]],
  ];
  for (const [tijdstip, messages] of impossible)
    it(`refuses ${tijdstip}, a moment that does not exist, saying why, and leaves a draft and a planned issue as they were`, async () => {
      const cookie = await authorSession();
      const draft = await writeIssue(cookie, "Nog een concept");
      const written = await writeIssue(cookie, "Al ingepland");
      expect((await schedule(cookie, written.id, "2030-06-01T09:00")).status).toBe(303);
      const planned = (await issueRow(written.id))!;
      expect(planned.status).toBe("scheduled");

      for (const issue of [draft, planned]) {
        const body = await refusal(await schedule(cookie, issue.id, tijdstip));
        for (const message of messages) expect(body).toContain(message);
        expect(body).toContain("Er is niets veranderd.");
        expect(await issueRow(issue.id)).toEqual(issue);
      }
    });

  it("asks for a day and a time when the field is empty or missing, and changes nothing", async () => {
    const cookie = await authorSession();
    const issue = await writeIssue(cookie, "Nog zonder tijd");
    for (const form of [{ tijdstip: "" }, {}] as Record<string, string>[]) {
      const response = await postForm(`/beheer/nieuwsbrief/${issue.id}/inplannen`, form, { cookie });
      expect(await refusal(response)).toContain("Kies een dag en een tijd om het nummer in te plannen.");
      expect(await issueRow(issue.id)).toEqual(issue);
    }
  });

  it("plans a moment that exists, a leap day too, on Amsterdam's clock", async () => {
    const cookie = await authorSession();
    const issue = await writeIssue(cookie, "Op schrikkeldag");
    const response = await schedule(cookie, issue.id, "2028-02-29T09:00");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/beheer/nieuwsbrief/${issue.id}?bericht=ingepland`);
    const planned = (await issueRow(issue.id))!;
    expect(planned.status).toBe("scheduled");
    expect(planned.sendAt).toBe(amsterdamTime(2028, 2, 29, 9));
    expect(planned.sendAt).toBe(Date.UTC(2028, 1, 29, 8, 0));
  });
});
