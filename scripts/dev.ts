import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { withPublicUrl } from "./dev-port.ts";
import { completeDevVars } from "./dev-vars.ts";

/** Runs a step of the setup and stops everything if it fails. */
function step(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const existing = existsSync(".dev.vars") ? readFileSync(".dev.vars", "utf8") : null;
const { text, added } = completeDevVars(existing, () => randomBytes(32).toString("base64url"));
if (added.length > 0) {
  writeFileSync(".dev.vars", text);
  console.log(`dev: ${existing === null ? "created" : "completed"} .dev.vars with ${added.join(", ")}`);
}
const args = process.argv.slice(2);
const persist = args.indexOf("--persist-to");
const persistArgs = persist >= 0 ? args.slice(persist, persist + 2) : [];

step(process.execPath, ["scripts/content.ts"]);
step("wrangler", ["d1", "migrations", "apply", "DB", "--local", ...persistArgs]);

const wrangler = spawn("wrangler", ["dev", "--test-scheduled", ...withPublicUrl(args)], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => wrangler.kill(signal));
wrangler.on("exit", (code) => process.exit(code ?? 0));
