import type { BrowserContext } from "playwright-core";
import { beforeAll, expect, inject, it } from "vitest";
import { openAxeTab } from "./axe.ts";
import { chromiumForFile } from "./chromium.ts";
import { type OutboxMail, waitForMail } from "./outbox.ts";

/** The suite's dev server (global-setup.ts), shared with the other files. */
const server = inject("devServer");
const browser = chromiumForFile();
let context: BrowserContext;

beforeAll(async () => {
  context = await browser().newContext({ viewport: { width: 390, height: 844 } });
});

function link(mail: OutboxMail, path: string): string {
  const match = new RegExp(`${server.url}${path}[^\\s\\]>)"]*`).exec(mail.text);
  if (!match) throw new Error(`no ${path} link in "${mail.subject}"`);
  return match[0];
}

it("keeps its small promises to a reader, on pages axe finds nothing serious on, light or dark", async () => {
  const { page, found, check } = await openAxeTab(context);
  const name = `belofte${Date.now()}`;
  const email = `${name}@gmail.com`;
  const signUp = page.getByRole("button", { name: "Schrijf je hier in" });

  // A name too long is refused under its own field, not cut short.
  await page.goto(server.url);
  await page.getByLabel("Je e-mailadres").fill(email);
  await page.getByLabel(/Je voornaam/).fill("A".repeat(70));
  await signUp.click();
  await page.getByText("Je voornaam is te lang voor onze mails").waitFor();
  expect(await page.getByLabel(/Je voornaam/).inputValue()).toHaveLength(70);
  await check("signup, name too long");

  // A typo is caught before anything is sent, and the fix is one button.
  await page.getByLabel("Je e-mailadres").fill(`${name}@gmail.con`);
  await page.getByLabel(/Je voornaam/).fill("Anna");
  await signUp.click();
  await page.getByRole("heading", { name: "Klopt je e-mailadres?" }).waitFor();
  await check("signup, typo suggested");
  await page.getByRole("button", { name: `Ja, gebruik ${email}` }).click();
  await page.getByRole("heading", { name: "Kijk even in je mailbox" }).waitFor();
  await page.getByText(email, { exact: true }).waitFor();
  await check("kijk in je mailbox, with the address");

  // Confirming, then the same link again: kindly told so, with the way to her page.
  const confirmLink = link(await waitForMail(server.url, email, (s) => s === "Bevestig je inschrijving"), "/bevestig/");
  await page.goto(confirmLink);
  await page.getByRole("button", { name: "Ja, schrijf me in" }).click();
  await page.getByRole("heading", { name: "Welkom. Je bent ingeschreven." }).waitFor();
  await page.goto(confirmLink);
  await page.getByRole("heading", { name: "Je bent al ingeschreven" }).waitFor();
  await check("confirmation link, second time");
  await page.getByRole("link", { name: "je eigen pagina" }).click();
  await page.getByRole("heading", { name: "Je voorkeuren" }).waitFor();

  // Her data, readable.
  await page.getByRole("button", { name: "Bekijk mijn gegevens" }).click();
  await page.getByRole("heading", { name: "Je gegevens bij Rust en richting" }).waitFor();
  await page.getByText(email, { exact: true }).waitFor();
  await check("my data, readable");

  // Signing up again brings her own links.
  await page.goto(server.url);
  await page.getByLabel("Je e-mailadres").fill(email);
  await signUp.click();
  await page.getByRole("heading", { name: "Kijk even in je mailbox" }).waitFor();
  const links = await waitForMail(server.url, email, (s) => s === "Je eigen links voor Rust en richting");

  // Leaving offers pausing right there.
  await page.goto(link(links, "/afmelden/"));
  await page.getByRole("heading", { name: "Liever even pauze?" }).waitFor();
  await check("unsubscribe, with pausing offered");
  await page.getByRole("button", { name: "Zet mijn lessen op pauze" }).click();
  await page.getByRole("heading", { name: "Je lessen staan op pauze" }).waitFor();
  await check("paused from the unsubscribe page");

  expect(found, "serious and critical accessibility violations").toEqual([]);
});
