import { checkGet, operation, type Spec, validate } from "./openapi.ts";

export type AcceptedMail = {
  id: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  idempotencyKey: string;
};

/** A sending domain in the fake's account, with the status Resend would report for it. */
export type FakeDomain = {
  id: string;
  name: string;
  status: "pending" | "verified" | "failed" | "not_started" | "partially_verified" | "partially_failed";
};

/** A fault the fake plays instead of answering: an HTTP error, a hang-up, or a hang. */
export type Fault = { status: 429 | 500 | 502 | 503; retryAfter?: string } | "drop" | "timeout";

export type FakeResendOptions = {
  apiKey?: string;
  /** Decides, per request, whether to fail it instead of answering. */
  fault?: (request: Request) => Fault | null;
  /** Addresses the fake refuses as invalid (in a batch: that one mail). */
  rejects?: (to: string) => boolean;
  /**
   * Resend's email quotas (its usage-limits page): at most `daily` mails a UTC day and
   * `monthly` a UTC month, counted by `now` (Date.now unless given). A send beyond either is
   * refused whole with 429 `daily_quota_exceeded` or `monthly_quota_exceeded`, and every
   * answer to a send tells what was used in `x-resend-daily-quota` and `x-resend-monthly-quota`.
   */
  quota?: { daily?: number; monthly?: number; now?: () => number };
  /** The account's domains, for `GET /domains` and `GET /domains/{domain_id}`. */
  domains?: FakeDomain[];
  /** Answers the domain endpoints as Resend does for a key that may only send (401 `restricted_api_key`). */
  sendingOnlyKey?: boolean;
};

/** Remembers a request body by its hash: a batch of 100 mails is megabytes. */
async function bodyDigest(body: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/**
 * A stand-in for Resend's HTTP API (usable in workerd and in Node) that checks every request against
 * `test/specs/resend-openapi.yaml` and what the README beside it notes:
 * bearer auth, JSON, `Idempotency-Key` (same key and body, same answer;
 * same key and another body, 409), at most 100 mails per batch, and no
 * attachments or scheduled_at in a batch.
 */
export function createFakeResend(spec: Spec, options: FakeResendOptions = {}) {
  const apiKey = options.apiKey ?? "re_test_key";
  const accepted: AcceptedMail[] = [];
  const problems: string[] = [];
  const replies = new Map<string, { digest: string; response: unknown }>();
  let requests = 0;
  let nextId = 1;
  const used = new Map<string, number>();
  const quotaNow = options.quota?.now ?? Date.now;
  const periods = () => {
    const day = new Date(quotaNow()).toISOString().slice(0, 10);
    return { daily: day, monthly: day.slice(0, 7) };
  };
  const usage = () => {
    const { daily, monthly } = periods();
    return {
      "x-resend-daily-quota": String(used.get(daily) ?? 0),
      "x-resend-monthly-quota": String(used.get(monthly) ?? 0),
    };
  };
  /** The quota `count` more mails would exceed, if any; else counts them as used. */
  function spend(count: number): "daily" | "monthly" | null {
    const now = periods();
    for (const quota of ["daily", "monthly"] as const) {
      const limit = options.quota?.[quota];
      if (limit !== undefined && (used.get(now[quota]) ?? 0) + count > limit) return quota;
    }
    for (const period of [now.daily, now.monthly]) used.set(period, (used.get(period) ?? 0) + count);
    return null;
  }

  function refuse(message: string, status = 422) {
    problems.push(message);
    return json({ statusCode: status, name: "validation_error", message }, status);
  }

  /** One domain as Resend lists it; `Domain` (one) and `ListDomainsItem` (in a list) share these fields. */
  const domainJson = (domain: FakeDomain) => ({
    object: "domain",
    id: domain.id,
    name: domain.name,
    status: domain.status,
    created_at: "2026-11-02 09:12:44.120611+00",
    region: "eu-west-1",
    capabilities: { sending: "enabled", receiving: "disabled" },
  });

  /** `GET /domains` and `GET /domains/{domain_id}`, checked against the spec both ways: the query asked, and the fake's own answer. */
  async function domainsAnswer(request: Request, url: URL): Promise<Response> {
    if (request.headers.get("authorization") !== `Bearer ${apiKey}`) return refuse("missing or wrong API key", 401);
    const fault = options.fault?.(request) ?? null;
    if (fault === "drop") throw new TypeError("Network connection lost.");
    if (fault === "timeout")
      return new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
    if (fault) return json({ name: "internal_server_error", message: "fault" }, fault.status);
    if (options.sendingOnlyKey)
      return json(
        { statusCode: 401, name: "restricted_api_key", message: "This API key is restricted to only send emails" },
        401,
      );
    const id = url.pathname.match(/^\/domains\/([^/]+)$/)?.[1];
    const { problems: asked, response: schema } = checkGet(
      spec,
      id ? "/domains/{domain_id}" : "/domains",
      url.searchParams,
    );
    if (asked.length > 0) return refuse(asked.join("; "));
    const domains = options.domains ?? [];
    let body: unknown;
    if (id) {
      const domain = domains.find((d) => d.id === decodeURIComponent(id));
      if (!domain) return json({ statusCode: 404, name: "not_found", message: "Domain not found" }, 404);
      body = domainJson(domain);
    } else {
      // A listed domain carries no `object` of its own.
      const data = domains.map(domainJson).map(({ object: _, ...item }) => item);
      body = { object: "list", has_more: false, data };
    }
    const wrong = validate(spec, schema, body);
    if (wrong.length > 0) problems.push(`the fake's own answer: ${wrong.join("; ")}`);
    return json(body);
  }

  async function handle(request: Request): Promise<Response> {
    requests++;
    const url = new URL(request.url);
    const path = url.pathname;
    if (request.method === "GET" && /^\/domains(\/[^/]+)?$/.test(path)) return domainsAnswer(request, url);
    if (request.method !== "POST" || (path !== "/emails" && path !== "/emails/batch"))
      return refuse(`unexpected ${request.method} ${path}`, 404);
    if (request.headers.get("authorization") !== `Bearer ${apiKey}`) return refuse("missing or wrong API key", 401);
    if (!request.headers.get("content-type")?.startsWith("application/json"))
      return refuse("content-type must be application/json");

    const op = operation(spec, path);
    const key = request.headers.get("idempotency-key");
    const keySchema = op.parameters?.find((p) => p.in === "header" && p.name === "Idempotency-Key")?.schema;
    if (!key) return refuse("every send carries an Idempotency-Key");
    if (keySchema && validate(spec, keySchema, key).length > 0)
      return refuse(`Idempotency-Key: ${validate(spec, keySchema, key).join("; ")}`);

    const fault = options.fault?.(request) ?? null;
    if (fault === "drop") throw new TypeError("Network connection lost.");
    if (fault === "timeout")
      return new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
    if (fault)
      return json(
        { name: "rate_limit_exceeded", message: "fault" },
        fault.status,
        fault.retryAfter ? { "retry-after": fault.retryAfter } : {},
      );

    const raw = await request.text();
    const digest = await bodyDigest(raw);
    const previous = replies.get(`${path} ${key}`);
    if (previous)
      return previous.digest === digest
        ? json(previous.response)
        : json({ name: "invalid_idempotent_request", message: "same key, other body" }, 409);

    const body = JSON.parse(raw) as unknown;
    const errors = validate(spec, op.requestBody.content["application/json"].schema, body);
    if (errors.length > 0) return refuse(errors.join("; "));
    const mails = (path === "/emails" ? [body] : body) as Record<string, unknown>[];
    if (path === "/emails/batch") {
      if (mails.length > 100) return refuse("a batch holds at most 100 mails");
      if (mails.some((mail) => "attachments" in mail || "scheduled_at" in mail))
        return refuse("no attachments or scheduled_at in a batch");
    }
    const exceeded = spend(mails.length);
    if (exceeded)
      return json(
        {
          statusCode: 429,
          name: `${exceeded}_quota_exceeded`,
          message: `You have reached your ${exceeded} email sending quota.`,
        },
        429,
        usage(),
      );
    const permissive = request.headers.get("x-batch-validation") === "permissive";
    const data: { id: string }[] = [];
    const failed: { index: number; message: string }[] = [];
    for (const [index, mail] of mails.entries()) {
      const to = ([] as string[]).concat(mail.to as string | string[]);
      if (to.some((address) => options.rejects?.(address))) {
        failed.push({ index, message: `Invalid \`to\` field: ${to.join(",")}` });
        continue;
      }
      const id = `fake-${nextId++}`;
      data.push({ id });
      accepted.push({
        id,
        to,
        subject: mail.subject as string,
        html: mail.html as string,
        text: mail.text as string,
        headers: (mail.headers ?? {}) as Record<string, string>,
        idempotencyKey: key,
      });
    }
    if (failed.length > 0 && (path === "/emails" || !permissive)) {
      accepted.splice(accepted.length - data.length, data.length);
      return json({ name: "validation_error", message: failed[0]!.message }, 422);
    }
    const response = path === "/emails" ? data[0] : { data, ...(failed.length > 0 ? { errors: failed } : {}) };
    replies.set(`${path} ${key}`, { digest, response });
    return json(response, 200, usage());
  }

  return {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => handle(new Request(input, init)),
    handle,
    accepted,
    problems,
    get requests() {
      return requests;
    },
  };
}
