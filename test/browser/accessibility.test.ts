import type { BrowserContext } from "playwright-core";
import { beforeAll, expect, inject, it } from "vitest";
import generated from "../../.generated/course.json" with { type: "json" };
import { openAxeTab } from "./axe.ts";
import { chromiumForFile } from "./chromium.ts";
import { type OutboxMail, waitForMail } from "./outbox.ts";

const ADMIN_PASSWORD = inject("adminPassword");
const [lesson1] = generated.series[0]!.lessons;
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

it("shows a reader no serious or critical accessibility violations on any page, light or dark", async () => {
  const { page, found, check } = await openAxeTab(context);
  const email = `a11y.${Date.now()}@voorbeeld.nl`;
  const signUp = page.getByRole("button", { name: "Schrijf je hier in" });

  await page.goto(server.url);
  await check("signup");
  await signUp.click();
  await page.getByRole("heading", { name: "Bijna" }).waitFor();
  await check("signup with a missing address");
  await page.getByLabel("Je e-mailadres").fill(email);
  await signUp.click();
  await page.getByRole("heading", { name: "Kijk even in je mailbox" }).waitFor();
  await check("kijk in je mailbox");

  await page.goto(link(await waitForMail(server.url, email, (s) => s === "Bevestig je inschrijving"), "/bevestig/"));
  await check("confirmation landing");
  await page.getByRole("button", { name: "Ja, schrijf me in" }).click();
  await page.getByRole("heading", { name: "Welkom. Je bent ingeschreven." }).waitFor();
  await check("welcome");

  const lesson = await waitForMail(server.url, email, (s) => s === lesson1!.title);
  await page.goto(link(lesson, "/reflectie/"));
  await check("answer landing");
  await page.getByRole("button", { name: "Bewaar mijn antwoord" }).click();
  await page.getByRole("heading", { name: "Dank je wel" }).waitFor();
  await check("thank-you");
  await page.getByLabel(/Wil je er nog iets over kwijt/).fill("Vooral 's avonds.");
  await page.getByLabel(/De schrijver mag mijn woorden lezen/).check();
  await page.getByRole("button", { name: "Bewaar mijn woorden" }).click();
  await page.getByRole("heading", { name: "Bewaard" }).waitFor();
  await check("words saved");

  await page.goto(link(lesson, "/voorkeuren/"));
  await check("reader's page");
  await page.getByLabel("In welke tijdzone?").fill("Mars/Olympus");
  await page.getByRole("button", { name: "Bewaar", exact: true }).click();
  await page.getByText("Die tijdzone kennen we niet.").waitFor();
  await check("reader's page, an unknown time zone");
  await page.getByRole("link", { name: "Mijn reflecties" }).click();
  await page.getByRole("heading", { name: "Mijn reflecties" }).waitFor();
  await check("journal");
  await page.goto(link(lesson, "/voorkeuren/"));
  await page.getByRole("button", { name: "Nu even niet" }).click();
  await page.getByRole("status").waitFor();
  await check("reader's page, paused");

  await page.goto(link(lesson, "/afmelden/"));
  await check("unsubscribe");
  await page.getByRole("button", { name: "Ja, meld me af" }).click();
  await page.getByRole("heading", { name: "Je bent afgemeld" }).waitFor();
  await check("after unsubscribing");
  await page.goto(link(lesson, "/afmelden/"));
  await page.getByRole("heading", { name: "Je bent al afgemeld" }).waitFor();
  await check("unsubscribe, already unsubscribed");
  await page.goto(link(lesson, "/voorkeuren/"));
  await page.getByText("Je bent afgemeld; je krijgt van ons geen mail.").waitFor();
  await check("reader's page, unsubscribed");

  await page.goto(`${server.url}/privacy`);
  await page.getByRole("heading", { name: "Privacy bij Rust en richting" }).waitFor();
  await check("privacy statement");
  await page.goto(`${server.url}/deze/pagina/bestaat/niet`);
  await page.getByRole("heading", { name: "Deze pagina bestaat niet" }).waitFor();
  await check("not found");
  await page.goto(`${server.url}/bevestig/ongeldig`);
  await page.getByRole("heading", { name: "Deze link werkt niet (meer)" }).waitFor();
  await check("invalid link");

  expect(found, "serious and critical accessibility violations").toEqual([]);
});

it("shows the author no serious or critical accessibility violations at her login or dashboard, light or dark", async () => {
  const { page, found, check } = await openAxeTab(context);
  const logIn = page.getByRole("button", { name: "Inloggen" });

  await page.goto(`${server.url}/beheer`);
  await check("login");
  await page.getByLabel("Wachtwoord").fill("niet-het-wachtwoord");
  await logIn.click();
  await page.getByRole("alert").waitFor();
  await check("login with a wrong password");
  await page.getByLabel("Wachtwoord").fill(ADMIN_PASSWORD);
  await logIn.click();
  await page.getByRole("button", { name: "Uitloggen", exact: true }).waitFor();
  await check("dashboard");

  expect(found, "serious and critical accessibility violations").toEqual([]);
});
