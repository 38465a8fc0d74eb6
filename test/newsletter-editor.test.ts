import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newsletterIssues } from "../worker/mechanisms/db/schema.ts";
import { authorSession } from "./author-session.ts";
import { allLinks, db, mailsTo, postForm, readerWithLesson, request, runCron, uniqueEmail } from "./helpers.ts";
import { issueFields, issueRow, refusal, writeIssue } from "./newsletter-issue.ts";

const subjectOf = (name: string) => `${name} ${Date.now().toString(36)}`;

async function preview(cookie: string, id: string, mode: "licht" | "donker" = "licht") {
  const response = await request(`/beheer/nieuwsbrief/${id}/voorbeeld/${mode}`, { headers: { cookie } });
  expect(response.status).toBe(200);
  return response.text();
}

/** Sends an issue now and lets the cron claim its readers. */
async function send(cookie: string, id: string) {
  expect((await postForm(`/beheer/nieuwsbrief/${id}/versturen`, { zeker: "ja" }, { cookie })).status).toBe(303);
  await runCron(Date.now());
}

const issueCount = async () => (await db.select().from(newsletterIssues).all()).length;

describe("the newsletter editor", () => {
  it("keeps each line break she typed, in the mail and in the archive", async () => {
    const cookie = await authorSession();
    const issue = await writeIssue(cookie, subjectOf("Regels"), {
      tekst: "Tot volgende week.\n\nWarme groet,\nMarieke",
      openbaar: "ja",
    });
    expect(await preview(cookie, issue.id)).toMatch(/Warme groet,<br\/?>\s*Marieke/);
    await send(cookie, issue.id);
    const archive = await (await request(`/nieuwsbrief/${issue.slug}`)).text();
    expect(archive).toMatch(/Warme groet,<br\/?>\s*Marieke/);
  });

  it("opens the mail with Hoi Anna, only when she chooses it, and refuses a second greeting of her own", async () => {
    const cookie = await authorSession();
    const greeted = await writeIssue(cookie, subjectOf("Met aanhef"));
    expect(greeted.greeting).toBe(true);
    expect(await preview(cookie, greeted.id)).toContain("Hoi Anna,");
    const editor = await (await request(`/beheer/nieuwsbrief/${greeted.id}`, { headers: { cookie } })).text();
    expect(editor).toMatch(/<input type="radio" id="groet-ja" name="groet" value="ja" checked \/>/);
    expect(editor).toContain('Met "Hoi Anna,"');

    const before = await issueCount();
    const twice = await postForm(
      "/beheer/nieuwsbrief/nieuw",
      issueFields(subjectOf("Twee keer"), { tekst: "Hoi allemaal,\n\nDeze week iets anders." }),
      { cookie },
    );
    const page = await refusal(twice);
    expect(page).toContain("Je tekst begint al met een aanhef (Hoi allemaal,)");
    expect(page).toContain("Hoi allemaal,\n\nDeze week iets anders.</textarea>");
    expect(await issueCount()).toBe(before);

    const own = await writeIssue(cookie, subjectOf("Eigen begin"), {
      tekst: "Hoi allemaal,\n\nDeze week iets anders.",
      groet: "nee",
    });
    expect(own.greeting).toBe(false);
    const mail = await preview(cookie, own.id);
    expect(mail).not.toContain("Hoi Anna,");
    expect(mail).toContain("Hoi allemaal,");
  });

  it("shows ## and ### as headings under the title, readable in dark mode, in mail and archive", async () => {
    const cookie = await authorSession();
    const issue = await writeIssue(cookie, subjectOf("Koppen"), {
      tekst: "Een begin.\n\n## Een tussenkop\n\nTekst.\n\n### Een kleinere kop\n\nMeer.",
      openbaar: "ja",
    });
    const dark = await preview(cookie, issue.id, "donker");
    // The dark palette applies (preview in dark mode) and covers both heading levels her text uses.
    const darkCss = /@media all\{([^}]*\}[^@]*)/.exec(dark)?.[1] ?? "";
    expect(darkCss).toMatch(/\.rr-text h2[^{]*\{color:#efe9e2!important\}|\.rr-text h2,[^{]*\{color:#efe9e2/);
    expect(darkCss).toMatch(/\.rr-text h3[,{]/);
    const body = dark.slice(dark.indexOf('class="rr-text"'));
    expect(body).toMatch(/<h2 [^>]*>Een tussenkop<\/h2>/);
    expect(body).toMatch(/<h3 [^>]*>Een kleinere kop<\/h3>/);
    await send(cookie, issue.id);
    const archive = await (await request(`/nieuwsbrief/${issue.slug}`)).text();
    const headings = [...archive.matchAll(/<h([1-6])>/g)].map((match) => Number(match[1]));
    expect(headings).toEqual([1, 2, 3]);
  });

  it("refuses an image or HTML at save with a clear Dutch message, keeping what she typed", async () => {
    const cookie = await authorSession();
    const before = await issueCount();
    for (const [tekst, message] of [
      ["Kijk:\n\n![foto](https://voorbeeld.nl/herfst.jpg)", "Een afbeelding kan niet in een nummer"],
      ["Hallo <script>alert(1)</script> daar", "HTML zoals &lt;script&gt; komt niet in een mail"],
      ["Iets <b>vets</b>.", "HTML zoals &lt;b&gt; komt niet in een mail"],
    ] as const) {
      const page = await refusal(
        await postForm("/beheer/nieuwsbrief/nieuw", issueFields("Met iets erin", { tekst }), { cookie }),
      );
      expect(page).toContain(message);
      expect(page).toContain('aria-invalid="true" aria-describedby="tekst-fout"');
      expect(page).toContain(`${tekst.replaceAll("<", "&lt;").replaceAll(">", "&gt;")}</textarea>`);
    }
    expect(await issueCount()).toBe(before);
    // Code and a plain "less than" are text, not HTML.
    const fine = await writeIssue(cookie, subjectOf("Code"), { tekst: "Schrijf `<b>` zo, en 3 < 4." });
    expect(fine.body).toBe("Schrijf `<b>` zo, en 3 < 4.");
  });

  it("counts the subject's characters instead of cutting it off at 60", async () => {
    const cookie = await authorSession();
    const form = await (await request("/beheer/nieuwsbrief/nieuw", { headers: { cookie } })).text();
    expect(form).not.toMatch(/id="onderwerp"[^>]*maxlength/);
    expect(form).toContain('<p id="onderwerp-teller" class="muted counter" aria-live="polite">Nog 60 tekens over.</p>');
    expect(form).toMatch(/<script nonce="[^"]+">/);
    const long = "Een onderwerp dat net iets te lang is om op een telefoon te passen";
    const page = await refusal(await postForm("/beheer/nieuwsbrief/nieuw", issueFields(long), { cookie }));
    expect(page).toContain(`value="${long}"`);
    expect(page).toContain(`${long.length - 60} tekens te veel`);
  });

  it("deletes a draft after she confirms, and never a scheduled or sent issue", async () => {
    const cookie = await authorSession();
    const draft = await writeIssue(cookie, subjectOf("Weg ermee"));
    const page = await (await request(`/beheer/nieuwsbrief/${draft.id}`, { headers: { cookie } })).text();
    expect(page).toContain(`action="/beheer/nieuwsbrief/${draft.id}/verwijderen"`);

    const unconfirmed = await postForm(`/beheer/nieuwsbrief/${draft.id}/verwijderen`, {}, { cookie });
    expect(await refusal(unconfirmed)).toContain("Vink eerst aan dat je dit concept wilt verwijderen");
    expect(await issueRow(draft.id)).toBeDefined();

    const elsewhere = await postForm(
      `/beheer/nieuwsbrief/${draft.id}/verwijderen`,
      { zeker: "ja" },
      { cookie, origin: "https://elders.example" },
    );
    expect(elsewhere.status).toBe(403);
    expect(await issueRow(draft.id)).toBeDefined();

    const deleted = await postForm(`/beheer/nieuwsbrief/${draft.id}/verwijderen`, { zeker: "ja" }, { cookie });
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get("location")).toBe("/beheer/nieuwsbrief?bericht=verwijderd");
    expect(await issueRow(draft.id)).toBeUndefined();
    const list = await (await request(deleted.headers.get("location")!, { headers: { cookie } })).text();
    expect(list).toContain("Het concept is verwijderd.");
    expect(list).not.toContain(draft.subject);

    const scheduled = await writeIssue(cookie, subjectOf("Ingepland"));
    await postForm(`/beheer/nieuwsbrief/${scheduled.id}/inplannen`, { tijdstip: "2099-01-05T09:00" }, { cookie });
    expect((await issueRow(scheduled.id))!.status).toBe("scheduled");
    const sent = await writeIssue(cookie, subjectOf("Verstuurd"));
    await send(cookie, sent.id);
    for (const issue of [scheduled, sent]) {
      const refused = await postForm(`/beheer/nieuwsbrief/${issue.id}/verwijderen`, { zeker: "ja" }, { cookie });
      expect(refused.status).toBe(409);
      expect(await refused.text()).toMatch(/[Ee]r is niets verwijderd/);
      expect(await issueRow(issue.id)).toBeDefined();
    }
  });

  it("puts a Lees online link in the mails of a public issue, which opens while it still goes out", async () => {
    const cookie = await authorSession();
    const reader = await readerWithLesson();
    const open = await writeIssue(cookie, subjectOf("Online"), { openbaar: "ja" });
    const closed = await writeIssue(cookie, subjectOf("Alleen mail"));
    for (const issue of [open, closed]) await send(cookie, issue.id);
    const mails = await mailsTo(reader.email);
    const openMail = mails.find((mail) => mail.subject === open.subject)!;
    const closedMail = mails.find((mail) => mail.subject === closed.subject)!;
    expect(openMail.html).toMatch(new RegExp(`<a [^>]*href="[^"]+/nieuwsbrief/${open.slug}"[^>]*>Lees online</a>`));
    expect(allLinks(openMail.text, "/nieuwsbrief/")).toEqual([`/nieuwsbrief/${open.slug}`]);
    expect(closedMail.html).not.toContain("Lees online");
    expect(closedMail.html).not.toContain("/nieuwsbrief/");

    await db.update(newsletterIssues).set({ status: "sending" }).where(eq(newsletterIssues.id, open.id));
    const online = await request(`/nieuwsbrief/${open.slug}`);
    expect(online.status).toBe(200);
    expect(await online.text()).toContain(`<h1>${open.subject}</h1>`);
  });

  it("sends a test mail whose links show her what a reader would find, changing nothing", async () => {
    const cookie = await authorSession();
    const issue = await writeIssue(cookie, subjectOf("Testlinks"), {
      openbaar: "ja",
      vraag: "Hoe gaat het?",
      antwoorden: "Goed\nIk weet het nog niet",
    });
    const author = uniqueEmail("schrijver");
    expect((await postForm(`/beheer/nieuwsbrief/${issue.id}/test`, { adres: author }, { cookie })).status).toBe(303);
    const [mail] = await mailsTo(author);
    const links = allLinks(mail!.text, "/testmail/");
    for (const kind of ["afmelden", "voorkeuren", "reflectie", "nieuwsbrief", "hulp"])
      expect(links.some((link) => link.startsWith(`/testmail/${kind}/`) || link === `/testmail/${kind}`)).toBe(true);
    for (const link of links) {
      const response = await request(link);
      if (link === "/testmail/hulp") {
        expect(response.status).toBe(302);
        expect(response.headers.get("location")).toBe("/hulp");
        continue;
      }
      expect(response.status).toBe(200);
      const body = await response.text();
      expect(body).toContain("<h1>Een link uit je testmail</h1>");
      expect(body).not.toContain("werkt niet");
    }
    const unsubscribe = links.find((link) => link.startsWith("/testmail/afmelden/"))!;
    expect((await request(unsubscribe, { method: "POST" })).status).toBe(404);
  });
});
