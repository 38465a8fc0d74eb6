import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type axe from "axe-core";
import type { BrowserContext, Page } from "playwright-core";

/** axe-core's own minified build: the same axe as `axe.source`, injected in half the time (~0.1 s a check). */
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The serious and critical violations axe finds on the page as it is, in light and in dark mode, one line each. */
export async function seriousViolations(page: Page, name: string): Promise<string[]> {
  // Evaluated through DevTools, which the page's Content-Security-Policy does not govern: the page keeps its policy.
  await page.evaluate(axeSource);
  const found: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await page.evaluate(
      (options) => (globalThis as unknown as { axe: typeof axe }).axe.run(options),
      // WCAG 2.2's target size is off by default, and a phone is where it matters.
      { resultTypes: ["violations"], rules: { "target-size": { enabled: true } } } satisfies axe.RunOptions,
    );
    for (const { id, impact, nodes } of violations) {
      if (impact !== "serious" && impact !== "critical") continue;
      found.push(
        `${id} (${impact}) on ${name}, ${colorScheme}: ${nodes.map((node) => node.target.join(" ")).join(", ")}`,
      );
    }
  }
  return found;
}

/**
 * A tab that loads pages as a browser without JavaScript does: a landing page then waits for its
 * button instead of posting itself on load. axe needs timers, which stop while scripts are off
 * (so a context with javaScriptEnabled: false won't do), so `check` lets scripts run only while axe looks.
 */
export async function openAxeTab(context: BrowserContext) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const scripts = (enabled: boolean) => cdp.send("Emulation.setScriptExecutionDisabled", { value: !enabled });
  await scripts(false);
  const found: string[] = [];
  const check = async (name: string) => {
    await scripts(true);
    try {
      found.push(...(await seriousViolations(page, name)));
    } finally {
      await scripts(false);
    }
  };
  return { page, found, check };
}
