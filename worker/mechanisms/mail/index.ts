import { database } from "../db/client.ts";
import { type Config, config } from "../lib/config.ts";
import { outboxTransport } from "./outbox.ts";
import { resendPacer } from "./pacer.ts";
import { resendTransport } from "./resend.ts";
import { type MailTransport, RetryableSendError } from "./transport.ts";

/** Where mail goes: the local outbox only when asked for by name, Resend with a key, else nowhere. */
export type MailMode = "outbox" | "resend" | "off";

/** The outbox must be chosen explicitly: a missing secret in production must never make it (and its addresses) public. */
export function mailMode(cfg: Config): MailMode {
  if (cfg.MAIL_TRANSPORT === "outbox") return "outbox";
  return cfg.RESEND_API_KEY ? "resend" : "off";
}

/** Thrown instead of sending while mail is not configured; retryable, so queued lessons wait for the key. */
export class MailOffError extends RetryableSendError {
  constructor() {
    super("mail is off: RESEND_API_KEY is not set (MAIL_TRANSPORT=outbox is for local use only)", undefined, {
      mayHaveSent: false,
    });
    this.name = "MailOffError";
  }
}

function refuse(): never {
  console.error(
    JSON.stringify({
      event: "mail_refused",
      reason: "RESEND_API_KEY is not set and MAIL_TRANSPORT is not outbox",
    }),
  );
  throw new MailOffError();
}

function refusingTransport(): MailTransport {
  return { send: async () => refuse(), sendBatch: async () => refuse() };
}

/** Refuses (and logs) while mail is off: a request that would only queue a mail says so at once instead. */
export function requireMail(cfg: Config): void {
  if (mailMode(cfg) === "off") refuse();
}

/** The transport for this environment (see `mailMode`). */
export function mailTransport(env: Env): MailTransport {
  const cfg = config(env);
  const mode = mailMode(cfg);
  if (mode === "outbox") return outboxTransport(database(env));
  if (mode === "off" || !cfg.RESEND_API_KEY) return refusingTransport();
  return resendTransport({
    apiKey: cfg.RESEND_API_KEY,
    baseUrl: cfg.RESEND_BASE_URL,
    pacer: resendPacer(env.RESEND_PACER, cfg.RESEND_MAX_RPS),
  });
}

/** True only while mail goes to the local outbox, which must be asked for with MAIL_TRANSPORT=outbox. */
export function usesOutbox(env: Env): boolean {
  return mailMode(config(env)) === "outbox";
}
