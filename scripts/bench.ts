import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Most } from "../test/bench/measure.ts";
import { createFakeResend } from "../test/fake-resend.ts";
import { loadResendSpec } from "../test/resend-openapi.ts";
import { keepOffWorkerCore, workerdProcesses } from "./bench-core.ts";
import { bundleSize, describeBundle } from "./bundle-size.ts";

const maxRps = Number(process.env.RESEND_MAX_RPS ?? 5);

/** The Worker as `wrangler deploy` would upload it: its size, and whether React came along. */
function workerBundle(): { bundleKb: number; bundleGzipKb: number; bundleHasReact: boolean } {
  const outdir = mkdtempSync(join(tmpdir(), "bench-bundle-"));
  try {
    const build = spawnSync("wrangler", ["deploy", "--dry-run", "--env", "", "--outdir", outdir], { encoding: "utf8" });
    if (build.status !== 0) throw new Error(`wrangler deploy --dry-run failed: ${build.stderr}`);
    const code = readFileSync(join(outdir, "index.js"));
    return {
      bundleKb: code.length / 1024,
      bundleGzipKb: gzipSync(code).length / 1024,
      bundleHasReact: /node_modules\/react-dom\//.test(code.toString("utf8")),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
const bundle = workerBundle();

const fake = createFakeResend(loadResendSpec());

/**
 * Resend's rate limit as the fake plays it: at most RESEND_MAX_RPS requests in any second,
 * 429 with retry-after beyond. A call counts at the moment it left the Worker (a header the
 * benchmark's fetch adds): this fake's own event loop, busy checking a 2 MB batch against the
 * spec, would otherwise see calls bunched together that were not.
 */
const admitted: number[] = [];
let rateLimited = 0;
function overRate(at: number): boolean {
  while (admitted.length > 0 && admitted[0]! < at - 10_000) admitted.shift();
  let index = admitted.findIndex((time) => time > at);
  if (index < 0) index = admitted.length;
  const times = [...admitted.slice(0, index), at, ...admitted.slice(index)];
  for (let i = Math.max(0, index - maxRps); i <= index && i + maxRps < times.length; i++)
    if (times[i + maxRps]! - times[i]! < 1000) return true;
  admitted.splice(index, 0, at);
  return false;
}

/** The loopback fake Resend: Resend's API as the spec describes it, plus /__stats for the benchmark. */
const server = createServer(async (req, res) => {
  // A call marked unpaced is for figures Resend's rate does not decide: answered at once.
  const limited =
    req.url !== "/__stats" &&
    req.headers["x-bench-unpaced"] === undefined &&
    overRate(Number(req.headers["x-bench-sent-at"] ?? Date.now()));
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = `http://127.0.0.1${req.url}`;
  let response: Response;
  if (req.url === "/__stats")
    response = Response.json({ calls: fake.requests + rateLimited, accepted: acceptedTotal(), rateLimited });
  else if (limited) {
    rateLimited++;
    response = Response.json(
      { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" },
      { status: 429, headers: { "retry-after": "1" } },
    );
  } else {
    const headers = Object.entries(req.headers).flatMap(([k, v]) =>
      v === undefined ? [] : [[k, String(v)] as [string, string]],
    );
    response = await fake.handle(
      new Request(url, {
        method: req.method,
        headers,
        body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
      }),
    );
  }
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
  // Keep memory flat over 100,000 mails: only the count of what was accepted matters here.
  dropped += fake.accepted.splice(0, fake.accepted.length).length;
});
let dropped = 0;
const acceptedTotal = () => dropped + fake.accepted.length;
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as { port: number }).port;

/** Resident memory of all workerd processes, sampled; the benchmark's Worker runs in one of them. */
function workerdRssMb(): number {
  let total = 0;
  for (const { pid } of workerdProcesses()) {
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      total += rss ? Number(rss[1]) / 1024 : 0;
    } catch {
      // the process ended between listing and reading
    }
  }
  return total;
}

// CPU here is wall time less waits, which would count the time the Worker's thread waited for a core:
// it gets one of its own (scripts/bench-core.ts), and the bench, vitest and the fake Resend keep off it.
keepOffWorkerCore();
const loadBefore = loadavg()[0]!;
let peakMemoryMb = 0;
const sampler = setInterval(() => (peakMemoryMb = Math.max(peakMemoryMb, workerdRssMb())), 200);
/**
 * Local D1 keeps its SQLite files in the temporary directory: on a disk, two simulated years
 * of sending wait mostly on its writes (gigabytes for a database of 70 MB). In memory
 * (/dev/shm, where there is one) the bench measures D1's rows, not the disk.
 */
const benchTmp = existsSync("/dev/shm") ? mkdtempSync(join("/dev/shm", "bench-")) : undefined;
// BENCH_ONLY picks bench files by a part of their name: BENCH_ONLY=after runs test/bench/after-lines.bench.ts alone.
const only = process.env.BENCH_ONLY ? [process.env.BENCH_ONLY] : [];
const vitest = spawn("vitest", ["run", "--config", "vitest.bench.config.ts", ...only], {
  env: {
    ...process.env,
    ...(benchTmp ? { TMPDIR: benchTmp } : {}),
    BENCH_RESEND_URL: `http://127.0.0.1:${port}`,
    BENCH_SIZES: process.env.BENCH_SIZES ?? "1000,10000,100000",
    RESEND_MAX_RPS: String(maxRps),
    // test/bench/measure.ts collects the bench's own garbage between invocations.
    MINIFLARE_WORKERD_V8_FLAGS: [process.env.MINIFLARE_WORKERD_V8_FLAGS, "--expose-gc"].filter(Boolean).join(" "),
  },
  stdio: ["ignore", "pipe", "inherit"],
});
let output = "";
vitest.stdout.on("data", (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
});
const code = await new Promise<number>((resolve) => vitest.on("exit", (c) => resolve(c ?? 1)));
clearInterval(sampler);
server.close();
if (benchTmp) rmSync(benchTmp, { recursive: true, force: true });
if (code !== 0) process.exit(code);

const sizes = [...output.matchAll(/BENCH (\{.*\})/g)].map((match) => ({
  ...JSON.parse(match[1]!),
  peakMemoryMb,
  ...bundle,
}));
/**
 * How each run's claiming went: seconds from the cron until the last due reader was claimed, in
 * how many invocations (the cron and the turns it handed on), and the most subrequests and D1
 * queries any one invocation of the run made, consumers included.
 */
function printClaims(sizes: Record<string, number>[]) {
  console.log("\nreaders   claim s   claim invocations   max subrequests/invocation   max D1 queries/invocation");
  for (const s of sizes)
    row([
      s.readers!,
      s.claimSecondsForAll!.toFixed(1),
      s.claimInvocations!,
      s.maxSubrequestsPerInvocation!,
      s.maxD1QueriesPerInvocation!,
    ]);
}
/** What lesson mails that open with a line for last week's answer cost, against the same readers' mails without (test/bench/after-lines.bench.ts). */
function afterLinesFigures() {
  const found = [...output.matchAll(/BENCH_AFTER (\{.*\})/g)].map((match) => JSON.parse(match[1]!))[0];
  if (!found) return undefined;
  const { readers, rounds, withLines, without, otherLesson, rowsReadChange, cpuChange } = found;
  const percent = (share: number) => `${share >= 0 ? "+" : ""}${(share * 100).toFixed(1)}%`;
  console.log(`\n${readers} readers due for a lesson, ${rounds} alternated runs each: medians, and the least CPU`);
  for (const [name, figures] of [
    ["with after-lines", withLines],
    ["without (no line)", without],
    ["lesson 3 (no lines)", otherLesson],
  ])
    console.log(
      `${name.padEnd(21)} CPU ms/mail ${figures.cpuMsPerMail.toFixed(3)} (least ${figures.cpuMsPerMailLeast.toFixed(3)})   D1 read/mail ${figures.d1RowsReadPerMail.toFixed(2)}   D1 written/mail ${figures.d1RowsWrittenPerMail.toFixed(2)}   D1 queries/mail ${figures.queriesPerMail.toFixed(3)}`,
    );
  const within = (share: number) => `within 10%: ${Math.abs(share) <= 0.1 ? "yes" : "no"}`;
  console.log(
    `after-lines: rows read per mail ${percent(rowsReadChange)} (${within(rowsReadChange)}), CPU per mail ${percent(cpuChange)} (${within(cpuChange)})`,
  );
  return { readers, withLines, without, otherLesson, rowsReadChange, cpuChange };
}
const row = (values: (string | number)[]) => console.log(values.map((value) => String(value).padEnd(9)).join(" "));
console.log(
  "\nreaders   wall s   mails/s   naive ms   once ms   speedup   pipeline CPU ms   D1 read/mail   D1 written/mail   Resend calls/100",
);
for (const s of sizes)
  row([
    s.readers,
    s.wallSeconds.toFixed(1),
    Math.round(s.mailsPerSecond),
    s.cpuMsPerMailNaive.toFixed(3),
    s.cpuMsPerMailRenderOnce.toFixed(4),
    s.renderSpeedup.toFixed(0),
    s.pipelineCpuMsPerMail.toFixed(3),
    s.d1RowsReadPerMail.toFixed(2),
    s.d1RowsWrittenPerMail.toFixed(2),
    s.resendCallsPer100.toFixed(2),
  ]);
console.log(
  `\nreaders   max rps   mails/s at rate (goal ${Math.round(100 * maxRps * 0.9)}+)   429 share (goal < 1%)   heaviest CPU ms (line: 10): cron   consumer batch   confirm   answer   first issue mail`,
);
for (const s of sizes)
  row([
    s.readers,
    s.resendMaxRps,
    Math.round(s.mailsPerSecondAtRate),
    `${(s.rateLimitedShare * 100).toFixed(2)}%`,
    s.heaviestCronCpuMs.toFixed(1),
    s.heaviestConsumerBatchCpuMs.toFixed(1),
    s.heaviestConfirmClickCpuMs.toFixed(1),
    s.heaviestAnswerClickCpuMs.toFixed(1),
    s.newsletterFirstMailCpuMs.toFixed(1),
  ]);
console.log(
  `Worker bundle: ${bundle.bundleKb.toFixed(0)} KB, ${bundle.bundleGzipKb.toFixed(0)} KB gzipped, ${bundle.bundleHasReact ? "WITH React" : "no React"}`,
);
printClaims(sizes);
console.log(`peak memory of workerd: ${peakMemoryMb.toFixed(0)} MB`);
console.log(
  `load average: ${loadBefore.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end (CPU figures are wall time less waits, and read high on a busy machine)`,
);
// The simulated years of test/bench/storage-year.bench.ts: D1's pages per reader, and a year later.
const storage = [...output.matchAll(/BENCH_STORAGE (\{.*\})/g)].map((match) => JSON.parse(match[1]!));
if (storage.length > 0)
  console.log(
    "\nreaders   weeks     pages before   after year 1   at end   bytes/reader year 1   bytes/reader later year   readers in 10 GB",
  );
for (const s of storage) {
  row([
    s.readers,
    s.weeks,
    s.pageCountBefore,
    s.pageCountAfterYear,
    s.pageCountAtEnd,
    Math.round(s.bytesPerReaderYear),
    s.bytesPerReaderLaterYear === null ? "-" : Math.round(s.bytesPerReaderLaterYear),
    Math.floor(10e9 / s.bytesPerReaderAtEnd),
  ]);
  const size = sizes.find((candidate) => candidate.readers === s.readers);
  if (size) Object.assign(size, { bytesPerReaderYear: s.bytesPerReaderYear, storage: s });
}
const claimOnly = [...output.matchAll(/BENCH_CLAIM (\{.*\})/g)].map((match) => JSON.parse(match[1]!))[0];
// The claim turns follow one another at a steady pace per reader: a million take the largest size's time scaled up.
const largest = sizes.at(-1);
if (largest)
  console.log(
    `\na million readers due at one instant, projected from ${largest.readers}: claimed in about ${((largest.claimSecondsForAll * 1_000_000) / largest.readers).toFixed(0)} s (goal: within 900 s; BENCH_CLAIM_READERS=1000000 measures it)`,
  );
if (claimOnly)
  console.log(
    `\n${claimOnly.readers} readers due at one instant, claimed (not sent): ${claimOnly.claimSecondsForAll.toFixed(0)} s (goal: within 900 s), ${claimOnly.claimInvocations} invocations, at most ${claimOnly.maxSubrequestsPerInvocation} subrequests and ${claimOnly.maxD1QueriesPerInvocation} D1 queries in one`,
  );
const plans = [...output.matchAll(/BENCH_PLANS (\{.*\})/g)].map((match) => JSON.parse(match[1]!))[0] as
  | Record<"paid" | "free", PlanFigures>
  | undefined;
type PlanFigures = { readers: number; kinds: Record<string, Most>; pinned: boolean; day: Record<string, number> };
const ownCore = (pinned: boolean) => `the Worker's thread ${pinned ? "had" : "did NOT have"} a core of its own`;
/** The invocations left out of a plan's figures, as their thread waited for a core (scripts/bench-core.ts). */
function describeDisturbed(name: string, { kinds, pinned }: PlanFigures) {
  const disturbed = Object.entries(kinds).filter(([, most]) => most.disturbed.count > 0);
  const left = disturbed.map(
    ([kind, { count, disturbed: d }]) =>
      `${d.count} ${kind}${d.count === count ? " (all of its kind, so counted all the same)" : ""} (CPU up to ${d.cpuMsMax.toFixed(1)} ms, waits up to ${d.coreWaitMsMax.toFixed(1)} ms)`,
  );
  return `${name}: ${ownCore(pinned)}; ${left.length > 0 ? `left out, as something else held its core: ${left.join(", ")}` : "no invocation waited for it"}`;
}
/** The invocation kinds of the plan table; on Workers Paid the cron does its housekeeping itself. */
const KINDS = [
  "signup",
  "confirm",
  "answer",
  "cron",
  "housekeeping",
  "claim turn",
  "delivery batch",
  "dead-letter batch",
];
const freePlan: Record<string, Pick<Most, "cpuMsMax" | "subrequestsMax" | "d1QueriesMax">> = {};
if (plans) {
  console.log(
    `\nper invocation, the most of each kind (${plans.free.readers} readers due at once)   Workers Paid: CPU ms / subrequests / D1 queries   PLAN=free: CPU ms / subrequests / D1 queries   (Free limits: 10 / 50 / 50)`,
  );
  console.log(
    "Workers Paid's CPU is wall time less every wait; PLAN=free's is each invocation played back from its recorded D1 and Resend answers (test/bench/replay.ts), beside the most of wall time less waits",
  );
  const figure = (most?: Most) =>
    most
      ? `${most.cpuMsMax.toFixed(1)} (median ${most.cpuMsMedian.toFixed(1)}, p99 ${most.cpuMsP99.toFixed(1)}${most.lessWaitsMsMax === undefined ? "" : `; less waits ${most.lessWaitsMsMax.toFixed(1)}`}) / ${most.subrequestsMax} / ${most.d1QueriesMax}`
      : "-";
  for (const kind of KINDS) {
    console.log(`${kind.padEnd(20)} ${figure(plans.paid.kinds[kind]).padEnd(46)} ${figure(plans.free.kinds[kind])}`);
    const most = plans.free.kinds[kind];
    if (most)
      freePlan[kind] = {
        cpuMsMax: most.cpuMsMax,
        subrequestsMax: most.subrequestsMax,
        d1QueriesMax: most.d1QueriesMax,
      };
  }
  console.log(`${describeDisturbed("Workers Paid", plans.paid)}\n${describeDisturbed("PLAN=free", plans.free)}`);
  const day = plans.free.day;
  console.log(
    `PLAN=free, that day's sending: ${day.invocations} invocations (Free: 100,000 requests a day), ${day.d1RowsRead} D1 rows read (5,000,000), ${day.d1RowsWritten} written (100,000), ${day.queueOperations} queue operations (10,000)`,
  );
}
const afterLines = afterLinesFigures();
const quota = [...output.matchAll(/BENCH_QUOTA (\{.*\})/g)].map((match) => JSON.parse(match[1]!))[0];
if (quota)
  console.log(
    `\nResend quota of 100 a day, ${quota.due} readers due at once: ${quota.sentOnce} got their lesson exactly once, ${quota.duplicates} twice, ${quota.deadLettered} dead-lettered, ${quota.inOrder ? "all" : "NOT all"} in order, all sent by day ${quota.days} (mails by day: ${quota.mailsByDay.join(", ")})`,
  );
type Cold = { kind: string; cpuMs: number[]; coreWaitMs: number[]; pinned: boolean };
const cold = [...output.matchAll(/BENCH_COLD (\{.*\})/g)].map((match) => JSON.parse(match[1]!) as Cold);
for (const [index, { kind, cpuMs, coreWaitMs, pinned }] of cold.entries())
  console.log(
    `${index === 0 ? "\n" : ""}PLAN=free, a ${kind} as a fresh isolate's first invocation: ${cpuMs[0]} ms CPU, then ${cpuMs.slice(1).join(", ")} (Free limit: 10); ${ownCore(pinned)}, and waited for it ${coreWaitMs.map((ms) => ms.toFixed(1)).join(", ")} ms`,
  );
// The Worker's gzipped size and its ten largest parts (scripts/bundle-size.ts, npm run size).
const workerSize = bundleSize();
console.log(`\n${describeBundle(workerSize)}`);
console.log(
  JSON.stringify({
    sizes,
    bundle: workerSize,
    ...(claimOnly ? { claimOnly } : {}),
    ...(afterLines ? { afterLines } : {}),
    ...(plans ? { freePlan, plans } : {}),
    ...(cold.length > 0
      ? {
          coldStart: Object.fromEntries(
            cold.map(({ kind, cpuMs }) => [`free${kind[0]!.toUpperCase()}${kind.slice(1)}CpuMs`, cpuMs]),
          ),
        }
      : {}),
    ...(quota
      ? {
          quota: {
            due: quota.due,
            sentOnce: quota.sentOnce,
            duplicates: quota.duplicates,
            deadLettered: quota.deadLettered,
            days: quota.days,
          },
        }
      : {}),
  }),
);
