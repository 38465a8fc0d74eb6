import type { Page } from "playwright-core";
import { expect, inject, it } from "vitest";
import generated from "../../.generated/course.json" with { type: "json" };
import { chromiumForFile, personContext } from "./chromium.ts";
import { waitForMail } from "./outbox.ts";

const [lesson1] = generated.series[0]!.lessons;
/** The suite's dev server (global-setup.ts), shared with the other files. */
const server = inject("devServer");
const browser = chromiumForFile();

/** The space between each answer button and the next, in CSS pixels, as the page lays them out. */
async function gapsBetweenChoices(page: Page): Promise<number[]> {
  const boxes = await Promise.all((await page.locator(".choices button").all()).map((button) => button.boundingBox()));
  return boxes.slice(1).map((box, index) => Math.round(box!.y - (boxes[index]!.y + boxes[index]!.height)));
}

it("spaces the answer buttons evenly on a phone and a desktop, and leads on after her words are saved", async () => {
  const email = `bedankt.${Date.now()}@voorbeeld.nl`;
  const page = await (await personContext(browser())).newPage();
  await page.goto(server.url);
  await page.getByLabel("Je e-mailadres").fill(email);
  await page.getByRole("button", { name: "Schrijf je hier in" }).click();
  const confirmation = await waitForMail(server.url, email, (s) => s === "Bevestig je inschrijving");
  await page.goto(`${server.url}/dev/outbox/${confirmation.id}`);
  const [confirmTab] = await Promise.all([
    page.context().waitForEvent("page"),
    page.getByRole("link", { name: "Ja, schrijf me in" }).click(),
  ]);
  await confirmTab.getByRole("button", { name: "Ja, schrijf me in" }).click();
  await confirmTab.getByRole("heading", { name: "Welkom. Je bent ingeschreven." }).waitFor();
  const lesson = await waitForMail(server.url, email, (s) => s === lesson1!.title);

  await page.goto(`${server.url}/dev/outbox/${lesson.id}`);
  const answer = lesson1!.question.answers[0]!;
  const [answered] = await Promise.all([
    page.context().waitForEvent("page"),
    page.getByRole("link", { name: answer.label }).click(),
  ]);
  await answered.getByRole("heading", { name: "Dank je wel" }).waitFor();
  for (const width of [390, 1280]) {
    await answered.setViewportSize({ width, height: 900 });
    const gaps = await gapsBetweenChoices(answered);
    expect(gaps.length).toBe(lesson1!.question.answers.length - 1);
    expect(new Set(gaps).size, `gaps at ${width} px: ${gaps.join(", ")}`).toBe(1);
    expect(gaps[0]).toBeLessThanOrEqual(16);
  }
  expect(await answered.getByRole("link", { name: "de hulppagina" }).getAttribute("href")).toBe("/hulp");

  await answered.getByLabel(/Wil je er nog iets over kwijt/).fill("Even op adem komen.");
  await answered.getByRole("button", { name: "Bewaar mijn woorden" }).click();
  await answered.getByRole("heading", { name: "Bewaard" }).waitFor();
  expect(await answered.textContent("main")).toContain(answer.label);
  const ownPage = await answered.getByRole("link", { name: "Naar je eigen pagina" }).getAttribute("href");
  await answered.getByRole("link", { name: "Lees al je reflecties terug" }).click();
  await answered.getByRole("heading", { name: "Mijn reflecties" }).waitFor();
  expect(await answered.textContent("main")).toContain("Even op adem komen.");
  await answered.goto(`${server.url}${ownPage}`);
  await answered.getByRole("heading", { name: "Je voorkeuren" }).waitFor();
});
