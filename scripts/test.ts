import { type ChildProcess, spawn } from "node:child_process";

/**
 * `npm test`: the worker tests and the browser tests at the same time. Both mostly wait (for
 * the queue, for D1, for pages and mails, for the link scanners' window), so together they take
 * little longer than the longer of the two. The browser tests' output is held back until the
 * worker tests are done, then follows as it comes; the run fails if either fails.
 */

function finished(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));
}

const worker = spawn("npm", ["run", "test:worker"], { stdio: "inherit" });
const browser = spawn("npm", ["run", "test:browser"], {
  stdio: ["ignore", "pipe", "pipe"],
  // vitest colours only a terminal; this output reaches one later.
  env: process.stdout.isTTY ? { ...process.env, FORCE_COLOR: "1" } : process.env,
});

// Listened for from the start: the browser tests may well end before the worker tests do.
const workerDone = finished(worker);
const browserDone = finished(browser);

let held: Buffer[] | null = [];
const print = (chunk: Buffer) => (held ? held.push(chunk) : process.stdout.write(chunk));
browser.stdout?.on("data", print);
browser.stderr?.on("data", print);

const workerCode = await workerDone;
process.stdout.write(Buffer.concat(held));
held = null;
const browserCode = await browserDone;
process.exitCode = workerCode !== 0 ? workerCode : browserCode;
