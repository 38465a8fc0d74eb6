import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, inject, it } from "vitest";
import { chromiumForFile, personContext } from "./chromium.ts";
import { mailsTo, waitForMail } from "./outbox.ts";

const CONFIRMATION = "Bevestig je inschrijving";
const WELCOME = "Welkom bij Rust en richting";
/**
 * As long as a person would wait for the welcome before wondering where it is. The suite's dev
 * server gathers queued mail for 0.1 s (dev-server.ts), so a welcome that is coming comes well
 * within this.
 */
const PATIENCE_MS = 5_000;

/** The suite's dev server (global-setup.ts), shared with the other files. */
const server = inject("devServer");
const browser = chromiumForFile();

/** Signs a new address up with the form's post; returns the address and the link in its confirmation mail. */
async function pendingSignup(name: string) {
  const email = `${name}.${Date.now()}@voorbeeld.nl`;
  await fetch(`${server.url}/inschrijven`, {
    method: "POST",
    body: new URLSearchParams({ email }),
    redirect: "manual",
  });
  const confirmation = await waitForMail(server.url, email, (subject) => subject === CONFIRMATION);
  return { email, confirmLink: new RegExp(`${server.url}/bevestig/[\\w-]+`).exec(confirmation.text)![0] };
}

/** The subjects of the mails to `email` once the welcome came, or once a person's patience ran out without it. */
async function subjectsWhileWaiting(email: string): Promise<string[]> {
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    const subjects = (await mailsTo(server.url, email)).map((mail) => mail.subject);
    if (subjects.includes(WELCOME) || Date.now() > deadline) return subjects;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Runs Debian's Chromium exactly as a scanner's command line does, in a home of its own; returns the DOM it dumps. */
function dumpDomAsDesktopChrome(url: string): Promise<string> {
  const args = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--user-agent=Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "--virtual-time-budget=8000",
    "--dump-dom",
    url,
  ];
  const home = mkdtempSync(join(tmpdir(), "chromium-scanner-"));
  const chromium = spawn("/usr/bin/chromium", args, {
    env: { ...process.env, HOME: home },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let dom = "";
  let log = "";
  chromium.stdout.on("data", (chunk) => (dom += chunk));
  chromium.stderr.on("data", (chunk) => (log += chunk));
  const stuck = setTimeout(() => chromium.kill("SIGKILL"), 60_000);
  return new Promise((resolve, reject) => {
    chromium.once("error", reject);
    chromium.once("exit", (code) => {
      clearTimeout(stuck);
      rmSync(home, { recursive: true, force: true });
      if (code === 0) resolve(dom);
      else reject(new Error(`chromium exited with ${code}:\n${log}`));
    });
  });
}

it("a headless Chromium posing as a desktop browser, run from the command line, leaves the reader unconfirmed", async () => {
  const { email, confirmLink } = await pendingSignup("opdrachtregel");

  const dom = await dumpDomAsDesktopChrome(confirmLink);

  expect(dom).toContain("<h1>Bevestig je inschrijving</h1>");
  expect(dom).not.toContain("Je bent ingeschreven");
  expect(await subjectsWhileWaiting(email)).toEqual([CONFIRMATION]);
});

it("Playwright's own headless Chromium opening the link leaves the reader unconfirmed", async () => {
  const { email, confirmLink } = await pendingSignup("playwright");
  const context = await browser().newContext();
  const page = await context.newPage();

  await page.goto(confirmLink, { waitUntil: "load" });

  expect(await subjectsWhileWaiting(email)).toEqual([CONFIRMATION]);
  await page.getByRole("heading", { name: "Bevestig je inschrijving" }).waitFor();
  await context.close();
});

it("a person's press of the button confirms, and the welcome arrives", async () => {
  const { email, confirmLink } = await pendingSignup("persoon");
  const context = await personContext(browser());
  const page = await context.newPage();
  await page.goto(confirmLink);
  await page.getByText("Met één druk op de knop hieronder bevestig je je inschrijving.").waitFor();

  await page.getByRole("button", { name: "Ja, schrijf me in" }).click();

  await page.getByRole("heading", { name: "Welkom. Je bent ingeschreven." }).waitFor();
  await waitForMail(server.url, email, (subject) => subject === WELCOME);
  await context.close();
});
