import { SimulatedClaimQueue, SimulatedQueue } from "../send-harness.ts";
import { invocation } from "./measure.ts";

/**
 * Runs `work` as the first four invocations of a fresh isolate with `PLAN=free`, and prints what
 * each took as a `BENCH_COLD` line for `kind` (scripts/bench.ts). An isolate's first invocation
 * also compiles the code it runs, which the plan profile (invocations.bench.ts), measured warm,
 * does not show. Each bench file has an isolate of its own: call this once a file, after loading
 * the Worker's entry module, as an isolate's startup loads it.
 */
export async function reportFirstInvocations(kind: string, work: (workerEnv: Env, run: number) => Promise<unknown>) {
  const cpuMs: number[] = [];
  const coreWaitMs: number[] = [];
  let pinned = true;
  for (let run = 0; run < 4; run++) {
    const measured = await invocation(
      new SimulatedQueue(),
      (workerEnv) => work(workerEnv, run),
      new SimulatedClaimQueue(),
      { PLAN: "free" },
    );
    cpuMs.push(measured.cpuMs);
    coreWaitMs.push(measured.coreWaitMs);
    pinned &&= measured.pinned;
  }
  console.log(`BENCH_COLD ${JSON.stringify({ kind, cpuMs, coreWaitMs, pinned })}`);
}
