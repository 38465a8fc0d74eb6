import type { BrowserContext } from "playwright-core";
import { beforeAll, expect, inject, it } from "vitest";
import generated from "../../.generated/course.json" with { type: "json" };
import { openAxeTab } from "./axe.ts";
import { chromiumForFile } from "./chromium.ts";
import { waitForMail } from "./outbox.ts";

const ADMIN_PASSWORD = inject("adminPassword");
const [lesson1] = generated.series[0]!.lessons;
/** How the lessons page names the first lesson: with its series' name once there is more than one series. */
const lesson1Name = generated.series.length > 1 ? `${generated.series[0]!.name}: les 1` : "Les 1";
/** The suite's dev server (global-setup.ts), shared with the other files. */
const server = inject("devServer");
const browser = chromiumForFile();
let context: BrowserContext;

beforeAll(async () => {
  context = await browser().newContext({ viewport: { width: 390, height: 844 } });
});

it("shows the author her charts and her course's mails with no serious or critical accessibility violations, light or dark", async () => {
  const { page, found, check } = await openAxeTab(context);

  // One confirmed reader, so the charts have something to draw.
  const reader = `dashboard.${Date.now()}@voorbeeld.nl`;
  await page.goto(server.url);
  await page.getByLabel("Je e-mailadres").fill(reader);
  await page.getByRole("button", { name: "Schrijf je hier in" }).click();
  await page.getByRole("heading", { name: "Kijk even in je mailbox" }).waitFor();
  const confirmation = await waitForMail(server.url, reader, (s) => s === "Bevestig je inschrijving");
  await page.goto(/http:\/\/localhost:\d+\/bevestig\/\S+/.exec(confirmation.text)![0]);
  await page.getByRole("button", { name: "Ja, schrijf me in" }).click();
  await page.getByRole("heading", { name: "Welkom. Je bent ingeschreven." }).waitFor();

  await page.goto(`${server.url}/beheer`);
  await page.getByLabel("Wachtwoord").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.getByRole("heading", { name: "Overzicht" }).waitFor();
  expect(await page.locator("svg.chart").count()).toBeGreaterThanOrEqual(5);
  expect(await page.getByRole("img").count()).toBeGreaterThanOrEqual(5);
  expect(await page.content()).not.toContain(reader);
  await check("dashboard");
  await page.locator("details summary").first().click();
  await check("dashboard with a table open");

  await page.getByRole("navigation", { name: "Beheer" }).getByRole("link", { name: "Lessen" }).click();
  await page.getByRole("heading", { name: "Lessen en vaste mails" }).waitFor();
  await check("lessons");
  await page.getByRole("link", { name: lesson1Name, exact: true }).click();
  await page.getByRole("heading", { name: lesson1Name, exact: true }).waitFor();
  // The mail shows in its frame, styled: its own policy allows what the page's forbids.
  const frame = page.frameLocator("iframe.mail-frame");
  await frame.getByText(lesson1!.title).first().waitFor();
  await check("one lesson");

  const to = `schrijver.${Date.now()}@voorbeeld.nl`;
  await page.getByLabel("Naar welk adres?").fill(to);
  await page.getByRole("button", { name: "Stuur mij een test" }).click();
  await page.getByRole("status").waitFor();
  await check("test sent");
  const test = await waitForMail(server.url, to, (s) => s === `[Test] ${lesson1!.title}`);
  expect(test.text).toContain("Hoi Anna");

  expect(found, "serious and critical accessibility violations").toEqual([]);
});

it("puts the overview's charts side by side on a desktop and under each other on a phone, with nothing wider than the screen", async () => {
  const wide = await browser().newContext({ viewport: { width: 1280, height: 900 } });
  const page = await wide.newPage();
  await page.goto(`${server.url}/beheer`);
  await page.getByLabel("Wachtwoord").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.getByRole("heading", { name: /^Deze week/ }).waitFor();
  const tops = async () => {
    const readers = await page.getByRole("heading", { name: "Lezers", exact: true }).boundingBox();
    const leaving = await page.getByRole("heading", { name: "Afmeldingen, bounces en klachten" }).boundingBox();
    return { readers: readers!, leaving: leaving! };
  };
  const width = () => page.evaluate<number>("document.documentElement.scrollWidth");
  const desktop = await tops();
  expect(desktop.leaving.y).toBe(desktop.readers.y);
  expect(desktop.leaving.x).toBeGreaterThan(desktop.readers.x + 400);
  expect(await width()).toBe(1280);
  // The first screen holds this week and whether anything needs her.
  expect((await page.getByRole("status").first().boundingBox())!.y).toBeLessThan(900);

  await page.setViewportSize({ width: 390, height: 844 });
  const phone = await tops();
  expect(phone.leaving.y).toBeGreaterThan(phone.readers.y);
  expect(phone.leaving.x).toBe(phone.readers.x);
  expect(await width()).toBe(390);
  await wide.close();
});
