import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// The benchmark talks to the loopback fake Resend only; anything else is refused.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
const loopback = globalThis.fetch;
globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.hostname !== "127.0.0.1") throw new Error(`the benchmark only talks to loopback, not ${url.hostname}`);
  return loopback(input, init);
};
