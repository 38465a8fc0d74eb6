import { execFileSync } from "node:child_process";
import type { Page } from "playwright-core";
import { expect, inject, it } from "vitest";
import generated from "../../.generated/course.json" with { type: "json" };
import { chromiumForFile, personContext } from "./chromium.ts";
import { waitForMail } from "./outbox.ts";

const [lesson1, lesson2] = generated.series[0]!.lessons;
/** The suite's dev server (global-setup.ts), shared with the other files. */
const server = inject("devServer");
const browser = chromiumForFile();

/** Mail links open in a new tab, as in a mail client; returns that tab. */
async function clickMailLink(page: Page, name: string): Promise<Page> {
  const [tab] = await Promise.all([page.context().waitForEvent("page"), page.getByRole("link", { name }).click()]);
  return tab;
}

it("takes a reader from the form to a stored answer, through the outbox and the cron", async () => {
  const email = `browser.${Date.now()}@voorbeeld.nl`;
  const page = await (await personContext(browser())).newPage();

  await page.goto(server.url);
  await page.getByLabel("Je e-mailadres").fill(email);
  await page.getByLabel(/Je voornaam/).fill("Fleur");
  await page.getByRole("button", { name: "Schrijf je hier in" }).click();
  await page.getByRole("heading", { name: "Kijk even in je mailbox" }).waitFor();

  const confirmation = await waitForMail(server.url, email, (s) => s === "Bevestig je inschrijving");
  await page.goto(`${server.url}/dev/outbox/${confirmation.id}`);
  const confirmTab = await clickMailLink(page, "Ja, schrijf me in");
  await confirmTab.getByRole("button", { name: "Ja, schrijf me in" }).click();
  await confirmTab.getByRole("heading", { name: "Welkom. Je bent ingeschreven." }).waitFor();
  await waitForMail(server.url, email, (s) => s === lesson1!.title);

  const nextWeek = Date.now() + 8 * 86_400_000;
  const cron = await fetch(
    `${server.url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent("*/15 * * * *")}&time=${nextWeek}`,
  );
  expect(cron.status).toBe(200);
  const lesson = await waitForMail(server.url, email, (s) => s === lesson2!.title);

  await page.goto(`${server.url}/dev/outbox/${lesson.id}`);
  const answer = lesson2!.question.answers[0]!;
  const answerTab = await clickMailLink(page, answer.label);
  await answerTab.getByRole("heading", { name: "Dank je wel" }).waitFor();
  expect(await answerTab.textContent("main")).toContain(answer.label);

  const stored = execFileSync(
    "npx",
    [
      "wrangler",
      "d1",
      "execute",
      "DB",
      "--local",
      "--persist-to",
      server.persistTo,
      "--json",
      "--command",
      "SELECT answers.answer_key FROM answers JOIN subscribers ON subscribers.id = answers.subscriber_id WHERE subscribers.email = '" +
        email +
        "'",
    ],
    { encoding: "utf8" },
  );
  expect(JSON.parse(stored)[0].results).toEqual([{ answer_key: answer.key }]);
});
