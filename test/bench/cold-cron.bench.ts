import { env } from "cloudflare:workers";
import { it } from "vitest";
import "../../worker/index.ts";
import { runSchedule } from "../../worker/domain/schedule/run.ts";
import { amsterdamTime } from "../../worker/mechanisms/lib/amsterdam-time.ts";
import { seedReaders, stopReaders } from "../send-harness.ts";
import { reportFirstInvocations } from "./first-invocations.ts";

const QUARTER = 15 * 60_000;

it("measures the Free-plan cron in a fresh isolate", async () => {
  const due = amsterdamTime(2041, 1, 8, 7);
  await seedReaders(env, "koud", 50, due);
  await reportFirstInvocations("cron", (workerEnv, run) => runSchedule(workerEnv, due + run * QUARTER));
  await stopReaders(env, "koud");
});
