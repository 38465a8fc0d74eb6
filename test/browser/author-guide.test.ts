import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { connectChromium, personContext } from "./chromium.ts";
import { mailsTo, waitForMail } from "./outbox.ts";
import { firstDevServer, type OwnDevServer, START_TIME } from "./own-dev-server.ts";

/**
 * docs/auteur.md, walked as written: `npm run dev` the first time, logging in with the password
 * it printed, the first issue in five steps, finding one reader, and the go-live checklist.
 * It runs its own `npm run dev` in a fresh copy, since only a first start prints a password.
 */
let server: OwnDevServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([firstDevServer(), connectChromium()]);
}, START_TIME + 10_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const author = "sanne@voorbeeld.nl";
const reader = `fleur.${Date.now()}@voorbeeld.nl`;

/** Signs a reader up on the form and confirms with the button behind her mail's link, as she does. */
async function confirmedReader(email: string, name: string) {
  const page = await (await personContext(browser)).newPage();
  await page.goto(server.url);
  await page.getByLabel("Je e-mailadres").fill(email);
  await page.getByLabel(/Je voornaam/).fill(name);
  await page.getByRole("button", { name: "Schrijf je hier in" }).click();
  await page.getByRole("heading", { name: "Kijk even in je mailbox" }).waitFor();
  const confirmation = await waitForMail(server.url, email, (s) => s === "Bevestig je inschrijving");
  await page.goto(`${server.url}/dev/outbox/${confirmation.id}`);
  const [tab] = await Promise.all([
    page.context().waitForEvent("page"),
    page.getByRole("link", { name: "Ja, schrijf me in" }).click(),
  ]);
  await tab.getByRole("button", { name: "Ja, schrijf me in" }).click();
  await tab.getByRole("heading", { name: "Welkom. Je bent ingeschreven." }).waitFor();
  await page.context().close();
}

/** Reloads the page, as a person does, until `text` shows on it. */
async function reloadUntil(page: Page, text: string) {
  for (let i = 0; i < 100 && !(await page.getByText(text).count()); i++) await page.reload();
  expect(await page.getByText(text).count()).toBeGreaterThan(0);
}

it("walks the author's guide from npm run dev to a sent issue, a found reader and the go-live checklist", async () => {
  await confirmedReader(reader, "Fleur");
  const page = await (await browser.newContext({ viewport: { width: 1024, height: 900 } })).newPage();

  // "Inloggen op /beheer": the address and the password that npm run dev printed.
  expect(server.loginUrl).toBe(`${server.url}/beheer/inloggen`);
  await page.goto(server.loginUrl);
  await page.getByLabel("Wachtwoord").fill(server.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  // "Overzicht": this week in figures, what needs her (on her own machine the cron runs only when
  // she fires it, as the guide says), with a link to Status, and logging out on the right of the menu.
  await page.getByRole("heading", { name: "Overzicht", level: 1 }).waitFor();
  await page.getByRole("heading", { name: /^Deze week/ }).waitFor();
  await page.getByText("actieve lezers").waitFor();
  await page.getByText("Er is nog geen controle gelopen: staat de planning (cron) aan?").waitFor();
  await page.getByRole("link", { name: "Naar de status" }).waitFor();
  await page.getByRole("button", { name: "Uitloggen", exact: true }).waitFor();
  await page.getByRole("button", { name: "Overal uitloggen" }).waitFor();

  // "Je eerste nummer in vijf stappen", 1: "Nieuw nummer schrijven".
  await page.getByRole("navigation", { name: "Beheer" }).getByRole("link", { name: "Nieuwsbrief" }).click();
  await page.getByRole("link", { name: "Nieuw nummer schrijven" }).click();
  const subject = `Wat je mag laten gaan ${Date.now().toString(36)}`;
  await page.getByLabel(/^Onderwerp/).fill(subject);
  await page.getByText(`Nog ${60 - subject.length} tekens over.`).waitFor();
  await page.getByLabel(/^Voorvertoning/).fill("Over bladeren, en wat je niet hoeft vast te houden.");
  await page.getByLabel(/^Met "Hoi Anna,"/).check();
  await page
    .getByLabel(/^Tekst/)
    .fill(
      "De bomen laten hun bladeren gaan.\n\n## Wat je mag laten gaan\n\nMisschien **één ding**.\n\nWarme groet,\nSanne",
    );
  await page.getByLabel(/^Een vraag aan je lezers/).fill("Wat laat jij deze week gaan?");
  await page.getByLabel(/^Antwoorden/).fill("Een verwachting\nEen gewoonte\nIk weet het nog niet");
  await page.getByLabel(/openbare archief/).check();

  // 2: "Bewaar als concept": the issue as a reader called Anna gets it, light and dark, and as plain text.
  await page.getByRole("button", { name: "Bewaar als concept" }).click();
  await page.getByText("Bewaard als concept.").waitFor();
  for (const title of ["Voorbeeld, licht", "Voorbeeld, donker"]) {
    const preview = page.frameLocator(`iframe[title="${title}"]`);
    await preview.getByText("Hoi Anna,").waitFor();
    await preview.getByText("Lees online").waitFor();
  }
  await page.getByText("Als platte tekst").click();
  await expect(page.locator("details pre").textContent()).resolves.toMatch(/Warme groet,\nSanne/);

  // 3: "Stuur testmail" to the address she types (this machine has no AUTHOR_EMAIL), with "[Test]".
  await page.getByLabel("Stuur mij een testmail").fill(author);
  await page.getByRole("button", { name: "Stuur testmail" }).click();
  await page.getByText("De testmail is verstuurd.").waitFor();
  const test = await waitForMail(server.url, author, (s) => s === `[Test] ${subject}`);
  expect(test.text).toContain("Hoi Anna,");
  // Its links belong to no reader: they open a page that says what a reader finds there.
  const inbox = await page.context().newPage();
  await inbox.goto(`${server.url}/dev/outbox/${test.id}`);
  const [link] = await Promise.all([
    inbox.context().waitForEvent("page"),
    inbox.getByRole("link", { name: "Lees online" }).click(),
  ]);
  await link.getByRole("heading", { name: "Een link uit je testmail" }).waitFor();
  await inbox.close();
  await link.close();
  expect(await mailsTo(server.url, reader)).not.toContainEqual(expect.objectContaining({ subject }));

  // 4: "Nu versturen", the box ticked first.
  await page.getByLabel("Ja, verstuur dit nummer nu naar al mijn lezers").check();
  await page.getByRole("button", { name: "Nu versturen" }).click();
  await page.getByText("Het nummer gaat nu naar je lezers.").waitFor();
  const sent = await waitForMail(server.url, reader, (s) => s === subject);
  expect(sent.text).toMatch(/Hoi Fleur,[\s\S]*Wat je mag laten gaan[\s\S]*Warme groet,\nSanne/);
  expect(sent.html).toContain("Ik weet het nog niet");

  // 5: the list says how the issue stands, "Verstuurd op ..." once the mails are out, and how many went.
  await page.getByRole("navigation", { name: "Beheer" }).getByRole("link", { name: "Nieuwsbrief" }).click();
  await reloadUntil(page, "Verstuurd op");
  const row = page.getByRole("row", { name: new RegExp(subject) });
  await expect(row.getByRole("cell").nth(0).textContent()).resolves.toMatch(/^Verstuurd op /);
  await expect(row.getByRole("cell").nth(1).textContent()).resolves.toBe("1");
  await expect(row.getByRole("cell").nth(2).textContent()).resolves.toBe("0");

  // "Lezers": the whole address, capitals or not; her status, and every mail with what became of it.
  await page.getByRole("navigation", { name: "Beheer" }).getByRole("link", { name: "Lezers" }).click();
  await page.getByLabel("E-mailadres").fill(reader.toUpperCase());
  await page.getByRole("button", { name: "Zoeken" }).click();
  await page.getByRole("heading", { name: "Fleur" }).waitFor();
  await expect(page.locator("dt:text-is('Status') + dd").textContent()).resolves.toBe("Ingeschreven");
  const mail = page
    .getByRole("table", { name: "Mails aan deze lezer, nieuwste eerst" })
    .getByRole("row", { name: subject });
  await expect(mail.getByRole("cell").nth(2).textContent()).resolves.toMatch(/^Verstuurd, /);
  await page.getByRole("heading", { name: "Helpen" }).waitFor();
  await page.getByRole("link", { name: "Lessen pauzeren" }).waitFor();

  // "Status": one sentence at the top, and under "Klaar om live te gaan?" what going live still lacks.
  await page.getByRole("navigation", { name: "Beheer" }).getByRole("link", { name: "Status" }).click();
  const live = page.getByRole("region", { name: "Klaar om live te gaan?" });
  await live.waitFor();
  const items = await live.getByRole("listitem").allTextContents();
  for (const what of [
    /Het adres van je site \(PUBLIC_URL\)/,
    /De sleutel van Resend \(RESEND_API_KEY\)/,
    /Je afzenderdomein bij Resend/,
    /Berichten van Resend over bounces en klachten \(webhook\)/,
    /Inloggen op je beheer/,
  ])
    expect(items.some((item) => what.test(item))).toBe(true);
});
