import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { withPort, withPublicUrl } from "./dev-port.ts";
import { completeDevVars, loginNote } from "./dev-vars.ts";

/** Runs a step of the setup and stops everything if it fails. */
function step(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Listens on `port` for a moment: the port is free when that works. Port 0 asks the system for one. */
function listenOnce(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(null));
    server.listen(port, "localhost", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : null));
    });
  });
}

const existing = existsSync(".dev.vars") ? readFileSync(".dev.vars", "utf8") : null;
const { text, added } = completeDevVars(existing, () => randomBytes(32).toString("base64url"));
if (added.length > 0) {
  writeFileSync(".dev.vars", text);
  console.log(`dev: ${existing === null ? "created" : "completed"} .dev.vars with ${added.join(", ")}`);
}
const { args, port } = await withPort(
  process.argv.slice(2),
  async (wanted) => (await listenOnce(wanted)) !== null,
  async () => (await listenOnce(0)) ?? 0,
);
const persist = args.indexOf("--persist-to");
const persistArgs = persist >= 0 ? args.slice(persist, persist + 2) : [];

step(process.execPath, ["scripts/content.ts"]);
step("wrangler", ["d1", "migrations", "apply", "DB", "--local", ...persistArgs]);

const wrangler = spawn("wrangler", ["dev", "--test-scheduled", ...withPublicUrl(args)], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => wrangler.kill(signal));
wrangler.on("exit", (code) => process.exit(code ?? 0));

// The login line comes once the server answers, so it is not lost above wrangler's own output.
const url = `http://localhost:${port}`;
for (;;) {
  if (wrangler.exitCode !== null) break;
  const up = await fetch(url).then(
    () => true,
    () => false,
  );
  if (up) {
    console.log(loginNote({ url, devVars: text, args, madePassword: added.includes("ADMIN_PASSWORD") }));
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}
