// Secrets are set with `wrangler secret put` (production) or .dev.vars (local), so `wrangler types` cannot see them.
interface __BaseEnv_Env {
  /** Signs link tokens; at least 32 characters. */
  TOKEN_SECRET: string;
  /** When set, mail goes to Resend; without it (and without MAIL_TRANSPORT=outbox) no mail is sent. */
  RESEND_API_KEY?: string;
  /** `outbox` keeps mail in the local outbox (set by `npm run dev`, local use only); `resend` or unset uses Resend. */
  MAIL_TRANSPORT?: string;
  /** The author's password for /beheer (at least 16 characters); not needed when Cloudflare Access guards it. */
  ADMIN_PASSWORD?: string;
  /** Cloudflare Access team domain (e.g. team.cloudflareaccess.com) and application audience: when both are set, Access guards /beheer. */
  ACCESS_TEAM_DOMAIN?: string;
  ACCESS_AUD?: string;
  /** Cloudflare Turnstile keys: when both are set, the signup form requires a solved challenge. */
  TURNSTILE_SITE_KEY?: string;
  TURNSTILE_SECRET_KEY?: string;
  /** Resend's webhook signing secret (whsec_…); without it /webhooks/resend is off. */
  RESEND_WEBHOOK_SECRET?: string;
  /** Where the Resend client sends requests; only tests and the benchmark point it elsewhere. */
  RESEND_BASE_URL?: string;
}
