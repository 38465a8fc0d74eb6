import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { issueFigures } from "../worker/domain/newsletter/issues.ts";
import { answers, deliveries, newsletterIssues } from "../worker/mechanisms/db/schema.ts";
import { amsterdamTime } from "../worker/mechanisms/lib/amsterdam-time.ts";
import { authorSession } from "./author-session.ts";
import {
  allLinks,
  db,
  enrollmentOf,
  mailsTo,
  postForm,
  readerWithLesson,
  request,
  runCron,
  subscribeAndConfirm,
  uniqueEmail,
} from "./helpers.ts";
import { issueFields, writeIssue } from "./newsletter-issue.ts";

const issueMailsTo = async (email: string, subject: string) =>
  (await mailsTo(email)).filter((mail) => mail.subject === subject);

describe("the author's newsletter", () => {
  it("keeps a draft, and shows a clear message for a bad one while storing nothing", async () => {
    const cookie = await authorSession();
    const issue = await writeIssue(cookie, `Concept ${uniqueEmail()}`.slice(0, 50));
    expect(issue.status).toBe("draft");
    const page = await request(`/beheer/nieuwsbrief/${issue.id}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Concept");

    const before = (await db.select().from(newsletterIssues).all()).length;
    const bad = await postForm(
      "/beheer/nieuwsbrief/nieuw",
      issueFields("", { vraag: "Hoe gaat het?", antwoorden: "Alleen één" }),
      { cookie },
    );
    expect(bad.status).toBe(422);
    const body = await bad.text();
    expect(body).toContain("Geef het nummer een onderwerp.");
    expect(body).toContain("De bomen laten hun bladeren gaan.");
    expect((await db.select().from(newsletterIssues).all()).length).toBe(before);
  });

  it("renders her Markdown safely: no raw HTML and no script links reach a reader", async () => {
    const cookie = await authorSession();
    // The form refuses raw HTML (newsletter-editor.test.ts); an issue stored before that still renders it as text.
    const issue = await writeIssue(cookie, "Veilig", {
      tekst: "Eerst iets.\n\n[klik](javascript:alert(3)) [goed](https://rustenrichting.nl)",
    });
    await db
      .update(newsletterIssues)
      .set({ body: `Eerst <script>alert(1)</script> <img src=x onerror="alert(2)">\n\n${issue.body}` })
      .where(eq(newsletterIssues.id, issue.id));
    const preview = await (
      await request(`/beheer/nieuwsbrief/${issue.id}/voorbeeld/licht`, { headers: { cookie } })
    ).text();
    expect(preview).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(preview).not.toMatch(/<script|<img|href="javascript:/i);
    expect(preview).toContain('href="https://rustenrichting.nl"');
  });

  it("sets her Markdown as a lesson's: ## is a section (h2) like #, deeper is h3, and quotes are Dutch", async () => {
    const cookie = await authorSession();
    const issue = await writeIssue(cookie, "Koppen", {
      tekst: `# Een begin\n\nZe zei 's avonds: "nee", zo'n dag.\n\n## Een sectie\n\n### Een kleinere kop`,
    });
    const response = await request(`/beheer/nieuwsbrief/${issue.id}/voorbeeld/licht`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const preview = await response.text();
    expect(preview.match(/<h1[ >]/g)).toHaveLength(1);
    expect(preview).toMatch(/<h2 [^>]*>Een begin<\/h2>/);
    expect(preview).toMatch(/<h2 [^>]*>Een sectie<\/h2>/);
    expect(preview).toMatch(/<h3 [^>]*>Een kleinere kop<\/h3>/);
    expect(preview).toContain("Ze zei \u2019s avonds: \u201cnee\u201d, zo\u2019n dag.");
  });

  it("sends a test to the author only, with links that belong to no reader", async () => {
    const cookie = await authorSession();
    const issue = await writeIssue(cookie, "Testnummer");
    const author = uniqueEmail("schrijver");
    const response = await postForm(`/beheer/nieuwsbrief/${issue.id}/test`, { adres: author }, { cookie });
    expect(response.status).toBe(303);
    const [mail] = await mailsTo(author);
    expect(mail!.subject).toBe("[Test] Testnummer");
    expect(mail!.html).toContain("Hoi Anna,");
    expect(allLinks(mail!.text, "/afmelden/")).toEqual([]);
    expect((await request(allLinks(mail!.text, "/testmail/afmelden/")[0]!, { method: "POST" })).status).toBe(404);
    expect(await db.select().from(deliveries).where(eq(deliveries.ref, issue.id)).all()).toEqual([]);
  });

  it("sends once to every reader who wants it, paused or finished too, however often she clicks", async () => {
    const cookie = await authorSession();
    const subject = `Nummer ${Date.now().toString(36)}`;
    const issue = await writeIssue(cookie, subject);
    const inCourse = await readerWithLesson();
    const paused = await readerWithLesson();
    await postForm(paused.preferences, { actie: "pauzeren" });
    const optedOut = await readerWithLesson();
    await postForm(optedOut.preferences, { actie: "mail", lessen: "ja" });
    const left = await readerWithLesson();
    await request(left.unsubscribe, { method: "POST" });

    const clicks = await Promise.all(
      [1, 2].map(() => postForm(`/beheer/nieuwsbrief/${issue.id}/versturen`, { zeker: "ja" }, { cookie })),
    );
    for (const click of clicks) expect(click.status).toBe(303);
    await runCron(Date.now());
    await runCron(Date.now());

    expect(await issueMailsTo(inCourse.email, subject)).toHaveLength(1);
    expect(await issueMailsTo(paused.email, subject)).toHaveLength(1);
    expect(await issueMailsTo(optedOut.email, subject)).toHaveLength(0);
    expect(await issueMailsTo(left.email, subject)).toHaveLength(0);
    const [mail] = await issueMailsTo(inCourse.email, subject);
    expect(mail!.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail!.html).toContain("Wat je mag laten gaan");
    const sent = (await db.select().from(newsletterIssues).where(eq(newsletterIssues.id, issue.id)).get())!;
    expect(sent.status).toBe("sent");
    const figures = await issueFigures(db, sent);
    expect(figures.sent).toBe(sent.claimed);
    expect(figures).toMatchObject({ failed: 0, openBatches: 0 });
    const list = await (await request("/beheer/nieuwsbrief", { headers: { cookie } })).text();
    expect(list).toMatch(
      new RegExp(`${subject}</a></th><td>Verstuurd op [^<]+</td><td>${figures.sent}</td><td>0</td>`),
    );

    const edit = await postForm(`/beheer/nieuwsbrief/${issue.id}`, issueFields("Anders"), { cookie });
    expect(edit.status).toBe(409);
    expect((await db.select().from(newsletterIssues).where(eq(newsletterIssues.id, issue.id)).get())!.subject).toBe(
      subject,
    );
    const again = await postForm(`/beheer/nieuwsbrief/${issue.id}/versturen`, { zeker: "ja" }, { cookie });
    expect(again.status).toBe(303);
    await runCron(Date.now());
    expect(await issueMailsTo(inCourse.email, subject)).toHaveLength(1);
  });

  it("refuses a time in the past, and sends a scheduled issue at its Amsterdam time across a clock change", async () => {
    const cookie = await authorSession();
    const issue = await writeIssue(cookie, "Ingepland");
    const past = await postForm(
      `/beheer/nieuwsbrief/${issue.id}/inplannen`,
      { tijdstip: "2020-01-01T09:00" },
      { cookie },
    );
    expect(past.status).toBe(422);
    expect(await past.text()).toContain("is al voorbij");
    expect((await db.select().from(newsletterIssues).where(eq(newsletterIssues.id, issue.id)).get())!.status).toBe(
      "draft",
    );

    // 28 March 2030 is no clock change; 31 March 2030 is: 09:00 there is 07:00 UTC, the day before 08:00 UTC.
    await postForm(`/beheer/nieuwsbrief/${issue.id}/inplannen`, { tijdstip: "2030-03-31T09:00" }, { cookie });
    const scheduled = (await db.select().from(newsletterIssues).where(eq(newsletterIssues.id, issue.id)).get())!;
    expect(scheduled.status).toBe("scheduled");
    expect(scheduled.sendAt).toBe(Date.UTC(2030, 2, 31, 7, 0));
    expect(scheduled.sendAt).toBe(amsterdamTime(2030, 3, 31, 9));
    const reader = await subscribeAndConfirm();
    await runCron(scheduled.sendAt! - 60_000);
    expect(await issueMailsTo(reader.email, "Ingepland")).toHaveLength(0);
    await runCron(scheduled.sendAt!);
    expect(await issueMailsTo(reader.email, "Ingepland")).toHaveLength(1);
  });

  it("stores a one-click answer to an issue's question like a lesson's, and erasure takes its deliveries", async () => {
    const cookie = await authorSession();
    const subject = `Vraag ${Date.now().toString(36)}`;
    const issue = await writeIssue(cookie, subject, {
      vraag: "Wat laat jij gaan?",
      antwoorden: "Zorgen\nMoeten\nIk weet het nog niet",
    });
    const reader = await readerWithLesson();
    await postForm(`/beheer/nieuwsbrief/${issue.id}/versturen`, { zeker: "ja" }, { cookie });
    await runCron(Date.now());
    const [mail] = await issueMailsTo(reader.email, subject);
    const links = allLinks(mail!.text, "/reflectie/");
    expect(links).toHaveLength(3);
    expect(await (await request(links[1]!)).text()).toContain("Wat laat jij gaan?");
    expect((await request(links[1]!, { method: "POST", body: new URLSearchParams({ van: "pagina" }) })).status).toBe(
      303,
    );
    const stored = await db
      .select()
      .from(answers)
      .where(and(eq(answers.subscriberId, reader.subscriber.id), eq(answers.questionId, `nieuwsbrief-${issue.id}`)))
      .get();
    expect(stored?.answerKey).toBe("antwoord-2");
    const author = await (await request(`/beheer/nieuwsbrief/${issue.id}`, { headers: { cookie } })).text();
    expect(author).toContain("Moeten: 1");

    await postForm(reader.preferences, { actie: "verwijderen", zeker: "ja" });
    expect(await db.select().from(deliveries).where(eq(deliveries.subscriberId, reader.subscriber.id)).all()).toEqual(
      [],
    );
  });

  it("lets a reader stop the lessons and keep the newsletter", async () => {
    const reader = await readerWithLesson();
    const due = (await enrollmentOf(reader.subscriber.id))!.nextSendAt!;
    const saved = await postForm(reader.preferences, { actie: "mail", nieuwsbrief: "ja" });
    expect(await saved.text()).toContain("Bewaard.");
    expect((await enrollmentOf(reader.subscriber.id))!.state).toBe("stopped");
    await runCron(due);
    expect(await mailsTo(reader.email)).toHaveLength(3);
    await postForm(reader.preferences, { actie: "mail", lessen: "ja", nieuwsbrief: "ja" });
    expect((await enrollmentOf(reader.subscriber.id))!.state).toBe("active");
  });
});

describe("the public archive", () => {
  it("shows sent issues marked public to anyone, and nothing else", async () => {
    const cookie = await authorSession();
    const open = await writeIssue(cookie, `Openbaar ${Date.now().toString(36)}`, { openbaar: "ja" });
    const closed = await writeIssue(cookie, `Besloten ${Date.now().toString(36)}`);
    const draft = await writeIssue(cookie, `Nog concept ${Date.now().toString(36)}`, { openbaar: "ja" });
    for (const issue of [open, closed])
      await postForm(`/beheer/nieuwsbrief/${issue.id}/versturen`, { zeker: "ja" }, { cookie });
    await runCron(Date.now());

    const list = await (await request("/nieuwsbrief")).text();
    expect(list).toContain(open.subject);
    expect(list).not.toContain(closed.subject);
    expect(list).not.toContain(draft.subject);
    const page = await request(`/nieuwsbrief/${open.slug}`);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain("Wat je mag laten gaan");
    expect(body).not.toMatch(/\/afmelden\/|\/voorkeuren\/|\/reflectie\//);
    expect((await request(`/nieuwsbrief/${closed.slug}`)).status).toBe(404);
    expect((await request(`/nieuwsbrief/${draft.slug}`)).status).toBe(404);
  });
});
