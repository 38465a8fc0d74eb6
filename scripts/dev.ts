import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";

/** Runs a step of the setup and stops everything if it fails. */
function step(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(".dev.vars")) {
  writeFileSync(".dev.vars", `TOKEN_SECRET=${randomBytes(32).toString("base64url")}\n`);
  console.log("dev: created .dev.vars with a random TOKEN_SECRET (mail goes to the local outbox: no RESEND_API_KEY)");
}
const args = process.argv.slice(2);
const persist = args.indexOf("--persist-to");
const persistArgs = persist >= 0 ? args.slice(persist, persist + 2) : [];

step(process.execPath, ["scripts/content.ts"]);
step("wrangler", ["d1", "migrations", "apply", "DB", "--local", ...persistArgs]);

const wrangler = spawn("wrangler", ["dev", "--test-scheduled", ...args], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => wrangler.kill(signal));
wrangler.on("exit", (code) => process.exit(code ?? 0));
