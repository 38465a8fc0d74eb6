import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort, quickQueueConfig } from "./dev-server.ts";

/** How long a first start may take: it renders every mail and applies every migration first. */
export const START_TIME = 150_000;

export type OwnDevServer = { loginUrl: string; password: string; url: string; stop: () => Promise<void> };

/**
 * `npm run dev` as the author runs it the first time, in a fresh copy of the product: no .dev.vars,
 * no .wrangler, no .generated, so it makes and prints her password without touching this checkout.
 * Only the ports are asked of the system, and the local queue waits 0.1 s instead of 5 s.
 */
export async function firstDevServer(): Promise<OwnDevServer> {
  const dir = mkdtempSync(join(tmpdir(), "rust-en-richting-auteur-"));
  for (const part of ["worker", "emails", "content", "scripts", "migrations", "package.json", "tsconfig.json"])
    cpSync(part, join(dir, part), { recursive: true });
  quickQueueConfig(join(dir, "wrangler.toml"));
  symlinkSync(resolve("node_modules"), join(dir, "node_modules"));
  const port = await freePort();
  const child: ChildProcess = spawn(
    "npm",
    ["run", "dev", "--", "--port", String(port), "--inspector-port", String(await freePort()), "--ip", "127.0.0.1"],
    { cwd: dir, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let output = "";
  const login = new Promise<RegExpExecArray>((found, failed) => {
    const read = (chunk: Buffer) => {
      output += chunk;
      const line =
        /dev: inloggen op (\S+) met het wachtwoord (\S+) \(het staat als ADMIN_PASSWORD in \.dev\.vars\)/.exec(output);
      if (line) found(line);
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", () => failed(new Error(`npm run dev stopped before it printed the login line:\n${output}`)));
    setTimeout(() => failed(new Error(`npm run dev printed no login line in time:\n${output}`)), START_TIME).unref();
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once("exit", done));
      process.kill(-child.pid!, "SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const [, loginUrl, password] = await login;
    return { loginUrl: loginUrl!, password: password!, url: `http://localhost:${port}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
