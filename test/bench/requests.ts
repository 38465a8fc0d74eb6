import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { app } from "../../worker/doors/app.ts";

/** A signup through the form, from an address of its own (signups are throttled per address). */
export function signupRequest(publicUrl: string, email: string, ip: string): Request {
  return new Request(`${publicUrl}/inschrijven`, {
    method: "POST",
    body: new URLSearchParams({ email, voornaam: "Lezer" }),
    headers: { "cf-connecting-ip": ip },
  });
}

/**
 * `request` to the Worker as one invocation's work, with what it left for afterwards
 * (`waitUntil`). A copy is sent each time, so the work can run again (a replay, see measure.ts);
 * an answer of 400 or more throws.
 */
export function requestWork(request: Request) {
  return async (workerEnv: Env): Promise<Response> => {
    const ctx = createExecutionContext();
    const response = await app.fetch(request.clone(), workerEnv, ctx);
    await waitOnExecutionContext(ctx);
    if (response.status >= 400) throw new Error(`${request.url} answered ${response.status}`);
    return response;
  };
}
