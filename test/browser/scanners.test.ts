import type { BrowserContext } from "playwright-core";
import { expect, inject, it } from "vitest";
import generated from "../../.generated/course.json" with { type: "json" };
import { chromiumForFile, personContext } from "./chromium.ts";
import { mailsTo, type OutboxMail, waitForMail } from "./outbox.ts";

const [lesson1] = generated.series[0]!.lessons;
/** The suite's dev server (global-setup.ts), shared with the other files. */
const server = inject("devServer");
const browser = chromiumForFile();

const links = (mail: OutboxMail, prefix: string) =>
  [...mail.text.matchAll(new RegExp(`${server.url}${prefix}[^\\s\\]>)"]*`, "g"))].map((match) => match[0]);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the reader's answer page says they chose, or null when no answer is stored. */
async function chosen(answerLink: string): Promise<string | null> {
  const page = await (await fetch(answerLink.replace(/\/\d+$/, ""))).text();
  return /koos je: <strong>([^<]+)<\/strong>/.exec(page)?.[1] ?? null;
}

/** Opens every link the way a scanner's headless browser does: each page loaded and its scripts run. */
async function openAll(context: BrowserContext, urls: string[]) {
  await Promise.all(
    urls.map(async (url) => {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: "load" });
      await pause(1500);
      await page.close();
    }),
  );
}

it("a headless browser opening the confirmation and answer links changes nothing; a person's click does", async () => {
  const email = `scanner.${Date.now()}@voorbeeld.nl`;
  await fetch(`${server.url}/inschrijven`, {
    method: "POST",
    body: new URLSearchParams({ email }),
    redirect: "manual",
  });
  const confirmation = await waitForMail(server.url, email, (s) => s === "Bevestig je inschrijving");
  const [confirmLink] = links(confirmation, "/bevestig/");

  const scanner = await browser().newContext();
  await openAll(scanner, [confirmLink!]);
  expect((await mailsTo(server.url, email)).map((mail) => mail.subject)).toEqual(["Bevestig je inschrijving"]);

  const person = await (await personContext(browser())).newPage();
  await person.goto(confirmLink!);
  await person.getByRole("button", { name: "Ja, schrijf me in" }).click();
  await person.getByRole("heading", { name: "Welkom. Je bent ingeschreven." }).waitFor();
  const lesson = await waitForMail(server.url, email, (s) => s === lesson1!.title);
  const answerLinks = links(lesson, "/reflectie/");

  await openAll(scanner, answerLinks);
  expect(await chosen(answerLinks[0]!)).toBeNull();

  // A scanner that hides that it is one: its sweep of every link within seconds leaves no answer.
  await openAll(await personContext(browser()), answerLinks);
  expect(await chosen(answerLinks[0]!)).toBeNull();

  await pause(11_000);
  await person.goto(answerLinks[1]!);
  await person.getByRole("heading", { name: "Dank je wel" }).waitFor();
  const given = lesson1!.question.answers[1]!.label;
  expect(await chosen(answerLinks[0]!)).toBe(given);

  // And a later sweep does not overwrite what the person chose.
  await pause(11_000);
  await openAll(await personContext(browser()), answerLinks);
  expect(await chosen(answerLinks[0]!)).toBe(given);
});
