import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { it } from "vitest";
import "../../worker/index.ts";
import { app } from "../../worker/doors/app.ts";
import { config } from "../../worker/mechanisms/lib/config.ts";
import { reportFirstInvocations } from "./first-invocations.ts";

it("measures a Free-plan signup in a fresh isolate", async () => {
  const cfg = config(env);
  await reportFirstInvocations("signup", async (workerEnv, run) => {
    const ctx = createExecutionContext();
    const response = await app.fetch(
      new Request(`${cfg.PUBLIC_URL}/inschrijven`, {
        method: "POST",
        body: new URLSearchParams({ email: `koud-${run}@voorbeeld.nl`, voornaam: "Lezer" }),
        headers: { "cf-connecting-ip": `192.0.2.${run + 50}` },
      }),
      workerEnv,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    if (response.status >= 400) throw new Error(`the signup answered ${response.status}`);
  });
});
