import * as z from "zod/mini";

/** An optional setting: unset and empty mean the same. */
const optional = () =>
  z.pipe(
    z.optional(z.string()),
    z.transform((value: string | undefined) => value || undefined),
  );

/** Resend's API, unless RESEND_BASE_URL says otherwise: the only host mail goes to. */
export const RESEND_API = "https://api.resend.com";

/** An optional quota of Resend mails a day or a month, in whole mails above 0, each refusal naming the setting. */
const mailQuota = (name: string, period: "day" | "month", example: number) =>
  z.pipe(
    optional(),
    z.optional(
      z.pipe(
        z.coerce.number<string | undefined>({
          message: `${name} must be a number of mails a ${period}, e.g. ${example}`,
        }),
        z.int({ message: `${name} must be a whole number of mails a ${period}, e.g. ${example}` }).check(
          z.positive({
            message: `${name} must be more than 0, or left unset when there is no ${period === "day" ? "daily" : "monthly"} quota`,
          }),
        ),
      ),
    ),
  );

/** Addresses of this machine itself: no production Worker is reached at one. */
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * https, or http where the Worker runs on a developer's machine: the outbox is only ever asked
 * for there (`npm run dev` writes it), and a loopback address serves no reader. Anywhere else
 * is production. A PUBLIC_URL that is no URL at all has its own message.
 */
function securePublicUrl(cfg: { PUBLIC_URL: string; MAIL_TRANSPORT?: string }): boolean {
  if (!URL.canParse(cfg.PUBLIC_URL)) return true;
  const url = new URL(cfg.PUBLIC_URL);
  const local = cfg.MAIL_TRANSPORT === "outbox" || LOOPBACK.has(url.hostname);
  return url.protocol === "https:" || (url.protocol === "http:" && local);
}

const configSchema = z
  .object({
    PUBLIC_URL: z.pipe(
      z.url({ message: "PUBLIC_URL must be the site's absolute URL, e.g. https://rustenrichting.nl" }),
      z.transform((url: string) => url.replace(/\/+$/, "")),
    ),
    MAIL_FROM: z
      .string()
      .check(z.minLength(3, { message: "MAIL_FROM must name the sender, e.g. Naam <adres@domein.nl>" })),
    MAIL_REPLY_TO: optional(),
    AUTHOR_NAME: z
      .string({
        message: "AUTHOR_NAME is not set: the author's name, as the privacy statement and signup page name her",
      })
      .check(
        z.trim(),
        z.minLength(2, {
          message: "AUTHOR_NAME must be the author's name, as the privacy statement and signup page name her",
        }),
      ),
    CONTACT_EMAIL: z.email({
      message:
        "CONTACT_EMAIL must be the address where readers reach the author about their data, e.g. privacy@rustenrichting.nl",
    }),
    TOKEN_SECRET: z
      .string({ message: "TOKEN_SECRET is not set (wrangler secret put TOKEN_SECRET, or .dev.vars locally)" })
      .check(z.minLength(32, { message: "TOKEN_SECRET must be at least 32 characters" })),
    TOKEN_SECRET_PREVIOUS: z.pipe(
      z.pipe(
        optional(),
        z.transform((value: string | undefined) =>
          (value ?? "")
            .split(",")
            .map((secret) => secret.trim())
            .filter(Boolean),
        ),
      ),
      z.array(
        z
          .string()
          .check(z.minLength(32, { message: "every key in TOKEN_SECRET_PREVIOUS must be at least 32 characters" })),
      ),
    ),
    SESSION_SECRET: z
      .string({ message: "SESSION_SECRET is not set (wrangler secret put SESSION_SECRET, or .dev.vars locally)" })
      .check(z.minLength(32, { message: "SESSION_SECRET must be at least 32 characters" })),
    RESEND_API_KEY: optional(),
    MAIL_TRANSPORT: z.pipe(
      optional(),
      z.optional(z.enum(["outbox", "resend"], { message: "MAIL_TRANSPORT must be outbox (local use only) or resend" })),
    ),
    RESEND_BASE_URL: z.pipe(optional(), z._default(z.url(), RESEND_API)),
    RESEND_MAX_RPS: z.pipe(
      optional(),
      z._default(
        z.coerce
          .number<string | undefined>({ message: "RESEND_MAX_RPS must be a number of requests per second, e.g. 5" })
          .check(
            z.positive({ message: "RESEND_MAX_RPS must be more than 0 (Resend allows 5 requests a second per team)" }),
            z.maximum(1000, { message: "RESEND_MAX_RPS must be at most 1000" }),
          ),
        5,
      ),
    ),
    RESEND_DAILY_QUOTA: mailQuota("RESEND_DAILY_QUOTA", "day", 100),
    RESEND_MONTHLY_QUOTA: mailQuota("RESEND_MONTHLY_QUOTA", "month", 3000),
    PLAN: z.pipe(
      optional(),
      z._default(
        z.enum(["paid", "free"], { message: "PLAN must be paid (Workers Paid, the default) or free (Workers Free)" }),
        "paid",
      ),
    ),
    ADMIN_PASSWORD: z.pipe(
      optional(),
      z.optional(z.string().check(z.minLength(16, { message: "ADMIN_PASSWORD must be at least 16 characters" }))),
    ),
    AUTHOR_EMAIL: z.pipe(
      optional(),
      z.optional(z.email({ message: "AUTHOR_EMAIL must be the author's own address, where test mails go" })),
    ),
    TURNSTILE_SITE_KEY: optional(),
    TURNSTILE_SECRET_KEY: optional(),
    ACCESS_TEAM_DOMAIN: optional(),
    ACCESS_AUD: optional(),
    RESEND_WEBHOOK_SECRET: z.pipe(
      optional(),
      z.optional(
        z
          .string()
          .check(
            z.startsWith("whsec_", { message: "RESEND_WEBHOOK_SECRET must be the whsec_… signing secret from Resend" }),
          ),
      ),
    ),
  })
  .check(
    z.refine(securePublicUrl, {
      path: ["PUBLIC_URL"],
      message:
        "PUBLIC_URL must start with https:// (mail links and RFC 8058 one-click unsubscribe need it); http:// is only for local use, with MAIL_TRANSPORT=outbox or on localhost",
    }),
    z.refine(
      (cfg) => cfg.SESSION_SECRET !== cfg.TOKEN_SECRET && !cfg.TOKEN_SECRET_PREVIOUS.includes(cfg.SESSION_SECRET),
      { message: "SESSION_SECRET must differ from TOKEN_SECRET and TOKEN_SECRET_PREVIOUS" },
    ),
  );

export type Config = z.infer<typeof configSchema>;

/** A setting is missing or malformed: the Worker cannot run. Names the settings (never their values). */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(
    readonly settings: string[],
    readonly problems: string[],
  ) {
    super(`Configuration error: ${problems.join("; ")}`);
  }
}

const cache = new WeakMap<object, Config>();

/** The Worker's configuration, checked once per environment; a missing setting fails with a message that names it. */
export function config(env: Env): Config {
  let parsed = cache.get(env);
  if (!parsed) {
    const result = configSchema.safeParse(env);
    if (!result.success)
      throw new ConfigError(
        [...new Set(result.error.issues.map((issue) => String(issue.path[0])))],
        result.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`),
      );
    parsed = result.data;
    cache.set(env, parsed);
  }
  return parsed;
}
