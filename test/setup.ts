import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach } from "vitest";
import { blockOutboundFetch } from "./intercept-fetch.ts";

// Setup files may run more than once; applyD1Migrations only applies what is new.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

blockOutboundFetch();
afterEach(() => blockOutboundFetch());
