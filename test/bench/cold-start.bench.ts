import { env } from "cloudflare:workers";
import { it } from "vitest";
import "../../worker/index.ts";
import { runSchedule } from "../../worker/domain/schedule/run.ts";
import { amsterdamTime } from "../../worker/mechanisms/lib/amsterdam-time.ts";
import { SimulatedClaimQueue, SimulatedQueue, seedReaders, stopReaders } from "../send-harness.ts";
import { invocation } from "./measure.ts";

const QUARTER = 15 * 60_000;

/**
 * The Free-plan cron as the first invocation of a fresh isolate, and three more after it. An
 * isolate's first invocation also compiles the code it runs, which the plan profile
 * (invocations.bench.ts), measured warm, does not show. Each bench file has an isolate of its
 * own, and the Worker's entry module is loaded first, as an isolate's startup loads it.
 */
it("measures the Free-plan cron in a fresh isolate", async () => {
  const due = amsterdamTime(2041, 1, 8, 7);
  await seedReaders(env, "koud", 50, due);
  const cronCpuMs: number[] = [];
  const coreWaitMs: number[] = [];
  let pinned = true;
  for (let run = 0; run < 4; run++) {
    const measured = await invocation(
      new SimulatedQueue(),
      (workerEnv) => runSchedule(workerEnv, due + run * QUARTER),
      new SimulatedClaimQueue(),
      { PLAN: "free" },
    );
    cronCpuMs.push(measured.cpuMs);
    coreWaitMs.push(measured.coreWaitMs);
    pinned &&= measured.pinned;
  }
  await stopReaders(env, "koud");
  console.log(`BENCH_COLD ${JSON.stringify({ cronCpuMs, coreWaitMs, pinned })}`);
});
