import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type DevServer = { url: string; persistTo: string; stop: () => Promise<void> };

export type DevServerOptions = {
  /** More Worker variables, each passed as `--var NAME:value`. */
  vars?: Record<string, string>;
  /** Another wrangler configuration, passed as `--config` (see `quickQueueConfig`). */
  config?: string;
};

/**
 * Writes wrangler.toml as `path` (beside it, so `main`, the migrations and .dev.vars are found as
 * from wrangler.toml), with two changes for the browser tests: the local send queue's batch
 * timeout cut from 5 s to 0.1 s (with 5 s, every mail a browser test waits for came 5 s after it
 * was queued), and the author's login limit raised from 5 to 100 a minute, since the browser test
 * files log in as the one author from one address at once (the limit itself is a worker test's).
 */
export function quickQueueConfig(path: string): string {
  const toml = readFileSync("wrangler.toml", "utf8");
  // The first consumer of lesson-deliveries is the local one; [env.production]'s comes later.
  const timeout =
    /(\[\[queues\.consumers\]\]\nqueue = "lesson-deliveries"\n(?:[^[\n][^\n]*\n)*?max_batch_timeout = )[\d.]+/;
  if (!timeout.test(toml))
    throw new Error("wrangler.toml has no max_batch_timeout for the local lesson-deliveries consumer");
  const loginLimit = /(name = "ADMIN_LOGIN"\n[^[]*?simple = \{ limit = )5(, period = 60 \})/g;
  if (!loginLimit.test(toml)) throw new Error("wrangler.toml has no ADMIN_LOGIN limit of 5 a minute");
  const quick = toml.replace(timeout, (_, setting) => `${setting}0.1`).replace(loginLimit, "$1100$2");
  writeFileSync(path, `# Written by test/browser/dev-server.ts for the browser tests; deleted after them.\n${quick}`);
  return path;
}

/**
 * A port nobody listens on, as the system hands it out: several checkouts may run their tests
 * on one machine at once, so no port is fixed.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Starts `npm run dev` on a free port with its own local state, and waits until it answers. */
export async function startDevServer({ vars = {}, config }: DevServerOptions = {}): Promise<DevServer> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const persistTo = mkdtempSync(join(tmpdir(), "rust-en-richting-"));
  const child: ChildProcess = spawn(
    "npm",
    [
      "run",
      "dev",
      "--",
      ...(config ? ["--config", config] : []),
      "--port",
      String(port),
      "--inspector-port",
      String(await freePort()),
      "--ip",
      "127.0.0.1",
      "--persist-to",
      persistTo,
      ...Object.entries({ PUBLIC_URL: url, ...vars }).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
    ],
    { stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid!, "SIGTERM");
      await exited;
    }
    rmSync(persistTo, { recursive: true, force: true });
  };

  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`npm run dev exited early:\n${output}`);
    }
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`npm run dev did not start in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return { url, persistTo, stop };
}
