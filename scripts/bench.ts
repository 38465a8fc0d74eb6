import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createFakeResend } from "../test/fake-resend.ts";
import { loadResendSpec } from "../test/resend-openapi.ts";

const fake = createFakeResend(loadResendSpec());

/** The loopback fake Resend: Resend's API as the spec describes it, plus /__stats for the benchmark. */
const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = `http://127.0.0.1${req.url}`;
  let response: Response;
  if (req.url === "/__stats") response = Response.json({ calls: fake.requests, accepted: acceptedTotal() });
  else {
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
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("workerd")) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      total += rss ? Number(rss[1]) / 1024 : 0;
    } catch {
      // the process ended between listing and reading
    }
  }
  return total;
}

let peakMemoryMb = 0;
const sampler = setInterval(() => (peakMemoryMb = Math.max(peakMemoryMb, workerdRssMb())), 200);
const vitest = spawn("vitest", ["run", "--config", "vitest.bench.config.ts"], {
  env: {
    ...process.env,
    BENCH_RESEND_URL: `http://127.0.0.1:${port}`,
    BENCH_SIZES: process.env.BENCH_SIZES ?? "1000,10000,100000",
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
if (code !== 0) process.exit(code);

const sizes = [...output.matchAll(/BENCH (\{.*\})/g)].map((match) => ({ ...JSON.parse(match[1]!), peakMemoryMb }));
console.log(
  "\nreaders   wall s   mails/s   naive ms   once ms   speedup   pipeline CPU ms   D1 read/mail   D1 written/mail   Resend calls/100",
);
for (const s of sizes) {
  console.log(
    [
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
    ]
      .map((value) => String(value).padEnd(9))
      .join(" "),
  );
}
console.log(`peak memory of workerd: ${peakMemoryMb.toFixed(0)} MB`);
console.log(JSON.stringify({ sizes }));
