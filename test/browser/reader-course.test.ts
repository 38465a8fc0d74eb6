import type { Page } from "playwright-core";
import { expect, inject, it } from "vitest";
import generated from "../../.generated/course.json" with { type: "json" };
import { chromiumForFile, personContext } from "./chromium.ts";
import { mailsTo, waitForMail } from "./outbox.ts";

const [lesson1, lesson2] = generated.series[0]!.lessons;
const HOUR = 3_600_000;
/** The suite's dev server (global-setup.ts), shared with the other files. */
const server = inject("devServer");
const browser = chromiumForFile();

/** Mail links open in a new tab, as in a mail client; returns that tab. */
async function clickMailLink(page: Page, name: string | RegExp): Promise<Page> {
  const [tab] = await Promise.all([page.context().waitForEvent("page"), page.getByRole("link", { name }).click()]);
  return tab;
}

function fireCron(time: number) {
  return fetch(`${server.url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent("*/15 * * * *")}&time=${time}`);
}

/** The first Tuesday 07:00 in New York at least a day after `from`, found by walking its clock hour by hour. */
function tuesdaySevenInNewYork(from: number): number {
  const clock = new Intl.DateTimeFormat("en-US", {
    timeZone: "America/New_York",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  for (let t = Math.ceil((from + 24 * HOUR) / (15 * 60_000)) * 15 * 60_000; ; t += 15 * 60_000)
    if (clock.format(t) === "Tue 07:00") return t;
}

it("moves a reader's lessons to Tuesday 07:00 in New York, sends the next one at that instant, and keeps their journal", async () => {
  const email = `tijdzone.${Date.now()}@voorbeeld.nl`;
  const page = await (await personContext(browser())).newPage();
  await page.goto(server.url);
  await page.getByLabel("Je e-mailadres").fill(email);
  await page.getByRole("button", { name: "Schrijf je hier in" }).click();
  const confirmation = await waitForMail(server.url, email, (s) => s === "Bevestig je inschrijving");
  await page.goto(`${server.url}/dev/outbox/${confirmation.id}`);
  const confirmed = await clickMailLink(page, "Ja, schrijf me in");
  await confirmed.getByRole("button", { name: "Ja, schrijf me in" }).click();
  await confirmed.getByRole("heading", { name: "Welkom. Je bent ingeschreven." }).waitFor();
  const first = await waitForMail(server.url, email, (s) => s === lesson1!.title);
  const sentAt = Date.parse(first.createdAt);

  await page.goto(`${server.url}/dev/outbox/${first.id}`);
  const mine = await clickMailLink(page, "Pauzeren of voorkeuren");
  await mine.getByLabel("Op welke dag?").selectOption({ label: "dinsdag" });
  await mine.getByLabel("Hoe laat?").selectOption({ label: "7:00 uur" });
  await mine.getByLabel("In welke tijdzone?").fill("America/New_York");
  await mine.getByRole("button", { name: "Bewaar", exact: true }).click();
  await mine.getByText("Bewaard.").waitFor();
  expect(await mine.textContent("main")).toMatch(
    /Je volgende les komt op dinsdag \d+ \w+ om 07:00 \(tijd in America\/New_York\)/,
  );

  // The cron runs across the week; nothing comes before the reader's own Tuesday morning.
  const due = tuesdaySevenInNewYork(sentAt);
  for (let time = sentAt + 6 * HOUR; time < due; time += 6 * HOUR) expect((await fireCron(time)).status).toBe(200);
  await fireCron(due - 15 * 60_000);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect((await mailsTo(server.url, email)).map((mail) => mail.subject)).not.toContain(lesson2!.title);
  await fireCron(due);
  const second = await waitForMail(server.url, email, (s) => s === lesson2!.title);

  // Answer it from the mail, add words, then find both in the journal and change the words there.
  await page.goto(`${server.url}/dev/outbox/${second.id}`);
  const answer = lesson2!.question.answers[0]!;
  const answered = await clickMailLink(page, answer.label);
  await answered.getByRole("heading", { name: "Dank je wel" }).waitFor();
  await answered.getByLabel(/Wil je er nog iets over kwijt/).fill("Dinsdag is een goede dag.");
  await answered.getByRole("button", { name: "Bewaar mijn woorden" }).click();
  await answered.getByRole("heading", { name: "Bewaard" }).waitFor();

  await mine.goto(mine.url().split("?")[0]!);
  await mine.getByRole("link", { name: "Mijn reflecties" }).click();
  await mine.getByRole("heading", { name: "Mijn reflecties" }).waitFor();
  const journalUrl = mine.url();
  const journal = await mine.textContent("main");
  expect(journal).toContain(lesson2!.question.prompt);
  expect(journal).toContain(answer.label);
  expect(journal).toContain("Dinsdag is een goede dag.");
  await mine.getByRole("link", { name: "Verander je antwoord of je woorden" }).click();
  await mine.getByLabel(/Wil je er nog iets over kwijt/).fill("Dinsdag blijft een goede dag.");
  await mine.getByRole("button", { name: "Bewaar mijn woorden" }).click();
  await mine.getByRole("heading", { name: "Bewaard" }).waitFor();
  await mine.goto(journalUrl);
  expect(await mine.textContent("main")).toContain("Dinsdag blijft een goede dag.");
});
