import { env } from "cloudflare:workers";
import { it } from "vitest";
import "../../worker/index.ts";
import { config } from "../../worker/mechanisms/lib/config.ts";
import { reportFirstInvocations } from "./first-invocations.ts";
import { requestWork, signupRequest } from "./requests.ts";

it("measures a Free-plan signup in a fresh isolate", async () => {
  const cfg = config(env);
  await reportFirstInvocations("signup", (workerEnv, run) =>
    requestWork(signupRequest(cfg.PUBLIC_URL, `koud-${run}@voorbeeld.nl`, `192.0.2.${run + 50}`))(workerEnv),
  );
});
