import { config } from "../config.ts";
import { database } from "../db/client.ts";
import { outboxTransport } from "./outbox.ts";
import { resendTransport } from "./resend.ts";
import type { MailTransport } from "./transport.ts";

/** Resend when an API key is configured, the local outbox otherwise. */
export function mailTransport(env: Env): MailTransport {
  const { RESEND_API_KEY, RESEND_BASE_URL } = config(env);
  return RESEND_API_KEY
    ? resendTransport({ apiKey: RESEND_API_KEY, baseUrl: RESEND_BASE_URL })
    : outboxTransport(database(env));
}

/** True while mail goes to the local outbox (no Resend key). */
export function usesOutbox(env: Env): boolean {
  return !config(env).RESEND_API_KEY;
}
