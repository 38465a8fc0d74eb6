import { type Browser, type BrowserContext, type BrowserServer, chromium } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";

const options = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

/** Debian's Chromium, headless, with nothing of its own on the network: one for the whole browser suite (global-setup.ts). */
export function launchChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer(options);
}

/** The suite's Chromium (see global-setup.ts); closing what this returns disconnects this file from it. */
export function connectChromium(): Promise<Browser> {
  return chromium.connect(inject("chromiumEndpoint"));
}

/**
 * This file's connection to the suite's Chromium, made before its tests and closed after them:
 * what it returns hands the tests the browser once the hooks have run.
 */
export function chromiumForFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await connectChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

const DESKTOP_CHROME =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

/**
 * A browser as a person has it: an ordinary user agent and no automation flag. Headless
 * Chromium is the only browser here, so a person's click is played by one that hides both.
 */
export async function personContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ userAgent: DESKTOP_CHROME });
  await context.addInitScript(() => Object.defineProperty(Navigator.prototype, "webdriver", { get: () => false }));
  return context;
}
