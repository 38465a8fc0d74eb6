import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { newsletterIssues } from "../worker/mechanisms/db/schema.ts";
import { db, postForm } from "./helpers.ts";

/** The issue form as the author fills it in: a subject, a preheader and a short Markdown text. */
export const issueFields = (subject: string, extra: Record<string, string> = {}) => ({
  onderwerp: subject,
  voorvertoning: "Een korte brief over loslaten.",
  tekst: "De bomen laten hun bladeren gaan.\n\n## Wat je mag laten gaan\n\nMisschien **één ding**.",
  ...extra,
});

/** The issue's row in D1 as it stands now. */
export const issueRow = (id: string) => db.select().from(newsletterIssues).where(eq(newsletterIssues.id, id)).get();

/** Saves a new draft through the author's form and returns its row. */
export async function writeIssue(cookie: string, subject: string, extra: Record<string, string> = {}) {
  const response = await postForm("/beheer/nieuwsbrief/nieuw", issueFields(subject, extra), { cookie });
  expect(response.status).toBe(303);
  const id = response.headers.get("location")!.split("/").pop()!.split("?")[0]!;
  return (await issueRow(id))!;
}

/** A refused form: 422, an HTML page no cache keeps; returns the page for its message. */
export async function refusal(response: Response): Promise<string> {
  expect(response.status).toBe(422);
  expect(response.headers.get("content-type")).toContain("text/html");
  expect(response.headers.get("cache-control")).toContain("no-store");
  return response.text();
}
