import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterAll, afterEach, vi } from "vitest";
import { backgroundWorkDone, emptyDatabase } from "./fresh-database.ts";
import { blockOutboundFetch } from "./intercept-fetch.ts";

// Setup files run before every test file; applyD1Migrations only applies what is new.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
// Files share a workerd (vitest.config.ts): each still starts from an empty database.
await emptyDatabase();

blockOutboundFetch();
afterEach(() => blockOutboundFetch());
afterAll(async () => {
  vi.restoreAllMocks();
  await backgroundWorkDone();
});
