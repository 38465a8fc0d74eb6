import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { launchChromiumServer } from "./chromium.ts";
import { quickQueueConfig, startDevServer } from "./dev-server.ts";

/** The author's password and address on the suite's dev server. */
const ADMIN_PASSWORD = "een-wachtwoord-voor-de-browsertests";
const AUTHOR_EMAIL = "schrijver@voorbeeld.nl";
/** The dev server's wrangler configuration (see quickQueueConfig), beside wrangler.toml. */
const CONFIG = "wrangler.browser-tests.toml";

/**
 * One `npm run dev` and one Chromium for every browser test file: each start of the dev server
 * rebuilds .generated/, applies the migrations and starts wrangler (20 to 30 s on a 2-core
 * machine). Every file makes readers of its own, with addresses of their own.
 */
export default async function setup(project: TestProject) {
  const [started, launched] = await Promise.allSettled([
    startDevServer({ vars: { ADMIN_PASSWORD, AUTHOR_EMAIL }, config: quickQueueConfig(CONFIG) }),
    launchChromiumServer(),
  ]);
  if (started.status === "rejected" || launched.status === "rejected") {
    if (started.status === "fulfilled") await started.value.stop();
    if (launched.status === "fulfilled") await launched.value.close();
    rmSync(CONFIG, { force: true });
    throw started.status === "rejected" ? started.reason : (launched as PromiseRejectedResult).reason;
  }
  const [server, chromium] = [started.value, launched.value];
  project.provide("devServer", { url: server.url, persistTo: server.persistTo });
  project.provide("chromiumEndpoint", chromium.wsEndpoint());
  project.provide("adminPassword", ADMIN_PASSWORD);
  project.provide("authorEmail", AUTHOR_EMAIL);
  return async () => {
    await chromium.close();
    await server.stop();
    rmSync(CONFIG, { force: true });
  };
}
