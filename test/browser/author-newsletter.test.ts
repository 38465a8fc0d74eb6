import type { BrowserContext } from "playwright-core";
import { beforeAll, expect, inject, it } from "vitest";
import { openAxeTab } from "./axe.ts";
import { chromiumForFile } from "./chromium.ts";
import { waitForMail } from "./outbox.ts";

const ADMIN_PASSWORD = inject("adminPassword");
const AUTHOR_EMAIL = inject("authorEmail");
/** The suite's dev server (global-setup.ts), shared with the other files. */
const server = inject("devServer");
const browser = chromiumForFile();
let context: BrowserContext;

beforeAll(async () => {
  context = await browser().newContext({ viewport: { width: 1024, height: 900 } });
});

/** A reader who signed up and confirmed, as the form and the confirmation link do it. */
async function confirmedReader(email: string) {
  await fetch(`${server.url}/inschrijven`, {
    method: "POST",
    body: new URLSearchParams({ email }),
    redirect: "manual",
  });
  const confirmation = await waitForMail(server.url, email, (s) => s === "Bevestig je inschrijving");
  const link = /http:\/\/\S+\/bevestig\/[\w-]+/.exec(confirmation.text)![0];
  const confirmed = await fetch(link, { method: "POST", redirect: "manual" });
  expect(confirmed.status).toBe(200);
}

it("lets the author write, preview, test and send an issue that reaches her readers, with no serious accessibility problems", async () => {
  const readers = [`lezer.a.${Date.now()}@voorbeeld.nl`, `lezer.b.${Date.now()}@voorbeeld.nl`];
  for (const email of readers) await confirmedReader(email);
  const subject = `De herfst en loslaten ${Date.now().toString(36)}`;
  const { page, found, check } = await openAxeTab(context);

  await page.goto(`${server.url}/beheer`);
  await page.getByLabel("Wachtwoord").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.getByRole("button", { name: "Uitloggen", exact: true }).waitFor();
  await page.goto(`${server.url}/beheer/nieuwsbrief`);
  await check("newsletter list");
  await page.getByRole("link", { name: "Nieuw nummer schrijven" }).click();
  await check("new issue");
  await page.getByRole("button", { name: "Bewaar als concept" }).click();
  await page.getByRole("alert").first().waitFor();
  await check("new issue with errors");

  await page.getByLabel(/Onderwerp/).fill(subject);
  await page.getByLabel(/Voorvertoning/).fill("Over bladeren, en wat je niet hoeft vast te houden.");
  await page
    .getByLabel(/^Tekst/)
    .fill("De bomen laten hun bladeren gaan.\n\n## Wat je mag laten gaan\n\nMisschien **één ding**.");
  await page.getByLabel(/openbare archief/).check();
  await page.getByRole("button", { name: "Bewaar als concept" }).click();
  await page.getByText("Bewaard als concept.").waitFor();
  const preview = page.frameLocator('iframe[title="Voorbeeld, licht"]');
  await preview.getByText("Wat je mag laten gaan").waitFor();
  await check("issue page with previews");

  await page.getByRole("button", { name: "Stuur testmail" }).click();
  await page.getByText("De testmail is verstuurd.").waitFor();
  await waitForMail(server.url, AUTHOR_EMAIL, (s) => s === `[Test] ${subject}`);

  await page.getByLabel("Ja, verstuur dit nummer nu naar al mijn lezers").check();
  await page.getByRole("button", { name: "Nu versturen" }).click();
  await page.getByText("Het nummer gaat nu naar je lezers.").waitFor();
  await check("issue sent");
  for (const email of readers) {
    const mail = await waitForMail(server.url, email, (s) => s === subject);
    expect(mail.html).toContain("Wat je mag laten gaan");
  }

  await page.goto(`${server.url}/beheer/nieuwsbrief`);
  await check("newsletter list with a sent issue");
  await page.goto(`${server.url}/nieuwsbrief`);
  await check("public archive");
  await page.getByRole("link", { name: subject }).click();
  await page.getByRole("heading", { name: "Wat je mag laten gaan" }).waitFor();
  await check("public issue");
  expect(found, "serious and critical accessibility violations").toEqual([]);
});

it("counts the subject's characters while she types, and says when it is too long without cutting it", async () => {
  const page = await context.newPage();
  await page.goto(`${server.url}/beheer/nieuwsbrief/nieuw`);
  if (page.url().endsWith("/inloggen")) {
    await page.getByLabel("Wachtwoord").fill(ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.goto(`${server.url}/beheer/nieuwsbrief/nieuw`);
  }
  const subject = page.getByLabel(/Onderwerp/);
  await page.getByText("Nog 60 tekens over.").waitFor();
  await subject.fill("De herfst en loslaten");
  await page.getByText("Nog 39 tekens over.").waitFor();
  const tooLong = "De herfst en loslaten, en alles wat ik verder nog kwijt wil";
  await subject.fill(`${tooLong} hierover`);
  await page.getByText(`${tooLong.length + 9 - 60} tekens te veel: maak het onderwerp wat korter.`).waitFor();
  expect(await subject.inputValue()).toBe(`${tooLong} hierover`);
  await page.close();
});
