import type { BrowserContext } from "playwright-core";
import { beforeAll, expect, inject, it } from "vitest";
import { openAxeTab } from "./axe.ts";
import { chromiumForFile } from "./chromium.ts";

const ADMIN_PASSWORD = inject("adminPassword");
/** The suite's dev server (global-setup.ts), shared with the other files. */
const server = inject("devServer");
const browser = chromiumForFile();
let context: BrowserContext;

beforeAll(async () => {
  context = await browser().newContext({ viewport: { width: 390, height: 844 } });
});

it("lets the author import a list, find one reader by address and pause them, with no serious accessibility violations", async () => {
  const { page, found, check } = await openAxeTab(context);
  const email = `Tools.${Date.now()}@voorbeeld.nl`;

  await page.goto(`${server.url}/beheer`);
  await page.getByLabel("Wachtwoord").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.getByRole("button", { name: "Uitloggen", exact: true }).waitFor();

  await page.goto(`${server.url}/beheer/import-export`);
  await check("import and export");
  await page.getByLabel(/bevestigden hun adres al/).check();
  await page.getByLabel("Of plak de lijst hier").fill(`e-mailadres;voornaam\n${email};Roos\ngeen-adres;Bob`);
  await page.getByRole("button", { name: "Importeren" }).click();
  await page.getByRole("heading", { name: "Import klaar" }).waitFor();
  expect(await page.textContent("main")).toContain("1 lezer toegevoegd");
  await check("import report");

  await page.goto(`${server.url}/beheer/lezers`);
  await check("find a reader");
  await page.getByLabel("E-mailadres").fill("niemand@voorbeeld.nl");
  await page.getByRole("button", { name: "Zoeken" }).click();
  await page.getByRole("alert").waitFor();
  await check("no reader with this address");
  await page.getByLabel("E-mailadres").fill(email.toLowerCase());
  await page.getByRole("button", { name: "Zoeken" }).click();
  await page.getByRole("heading", { name: "Roos" }).waitFor();
  expect(await page.textContent("main")).toContain("Loopt; 0 van de");
  await check("reader");

  await page.getByRole("link", { name: "Lessen pauzeren" }).click();
  await page.getByRole("heading", { name: "Lessen pauzeren" }).waitFor();
  await check("confirm pause");
  await page.getByRole("button", { name: "Ja, pauzeer" }).click();
  await page.getByRole("status").waitFor();
  expect(await page.textContent("main")).toContain("De lessen staan op pauze.");
  expect(await page.textContent("main")).toContain("Op pauze");
  await check("reader, paused");

  const cron = await fetch(
    `${server.url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent("*/15 * * * *")}&time=${Date.now()}`,
  );
  expect(cron.status).toBe(200);
  await page.goto(`${server.url}/beheer/status`);
  await page.getByText("Alles loopt.").waitFor();
  await check("health");

  expect(found, "serious and critical accessibility violations").toEqual([]);
});
