import { describe, expect, it } from "vitest";
import { authorSession } from "./author-session.ts";
import { linkIn, mailsTo, postForm, readerWithLesson, request, runCron } from "./helpers.ts";
import { writeIssue } from "./newsletter-issue.ts";

/** What robots.txt says of `path`, read as RFC 9309 has it: the longest matching rule wins, Allow on a tie. */
function allows(robots: string, path: string): boolean {
  const rules = [...robots.matchAll(/^(Allow|Disallow):\s*(\S*)\s*$/gim)].map(([, kind, prefix]) => ({
    allow: kind!.toLowerCase() === "allow",
    prefix: prefix!,
  }));
  const matching = rules.filter((rule) => rule.prefix !== "" && path.startsWith(rule.prefix));
  matching.sort((a, b) => b.prefix.length - a.prefix.length || Number(b.allow) - Number(a.allow));
  return matching[0]?.allow ?? true;
}

/** The page's robots and description meta tags. */
async function metaOf(path: string, init?: RequestInit) {
  const response = await request(path, init);
  expect(response.headers.get("content-type"), path).toContain("text/html");
  const body = await response.text();
  return {
    status: response.status,
    noindex: /<meta name="robots" content="noindex"/.test(body),
    description: /<meta name="description" content="([^"]+)"/.exec(body)?.[1] ?? null,
  };
}

/** A public issue in the archive, sent through the author's pages. */
async function publicIssue(): Promise<string> {
  const cookie = await authorSession();
  const issue = await writeIssue(cookie, `Voor iedereen ${Date.now().toString(36)}`, { openbaar: "ja" });
  await postForm(`/beheer/nieuwsbrief/${issue.id}/versturen`, { zeker: "ja" }, { cookie });
  await runCron(Date.now());
  return `/nieuwsbrief/${issue.slug}`;
}

describe("what search engines may find", () => {
  it("serves robots.txt as plain text", async () => {
    const response = await request("/robots.txt");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    expect(await response.text()).toMatch(/^User-agent: \*$/m);
  });

  it("lets them read and index the signup page, the archive and the privacy statement, each with a description", async () => {
    const robots = await (await request("/robots.txt")).text();
    for (const path of ["/", "/nieuwsbrief", await publicIssue(), "/privacy"]) {
      expect(allows(robots, path), path).toBe(true);
      const meta = await metaOf(path);
      expect(meta.status, path).toBe(200);
      expect(meta.noindex, path).toBe(false);
      expect(meta.description, path).toMatch(/\w{3,}/);
    }
  });

  it("keeps them out of every personal and author page, which say noindex besides", async () => {
    const robots = await (await request("/robots.txt")).text();
    const { email, answerLinks, preferences, unsubscribe } = await readerWithLesson();
    const cookie = await authorSession();
    const [confirmation] = (await mailsTo(email)).filter((mail) => mail.subject === "Bevestig je inschrijving");
    const personal = [
      linkIn(confirmation!.text, "/bevestig/"),
      answerLinks[0]!,
      preferences,
      `${preferences}/reflecties`,
      unsubscribe,
      "/ingeschreven",
      "/beheer/inloggen",
      "/dev/outbox",
    ];
    const author = ["/beheer", "/beheer/lessen", "/beheer/lezers", "/beheer/nieuwsbrief", "/beheer/status"];
    for (const path of [...personal, ...author]) {
      expect(allows(robots, path), path).toBe(false);
      const meta = await metaOf(path, author.includes(path) ? { headers: { cookie } } : undefined);
      expect(meta.status, path).toBe(200);
      expect(meta.noindex, path).toBe(true);
      expect(meta.description, path).toBeNull();
    }
    const signupAgain = await metaOf("/inschrijven", { method: "POST", body: new URLSearchParams({ email: "" }) });
    expect(signupAgain.status).toBe(422);
    expect(signupAgain.noindex).toBe(true);
    expect(allows(robots, "/inschrijven")).toBe(false);
    expect((await metaOf("/deze/pagina/bestaat/niet")).noindex).toBe(true);
  });
});
