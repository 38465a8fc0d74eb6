import * as z from "zod/mini";

const listSchema = z.object({
  data: z.array(z.object({ name: z.string(), status: z.string() })),
});

/** What Resend says about the account's sending domains, or why it said nothing. */
export type DomainsAnswer =
  | { kind: "listed"; domains: { name: string; status: string }[] }
  /** The key may only send: Resend answers 401 `restricted_api_key` to anything else. */
  | { kind: "sending-only-key" }
  /** Resend refused the key itself. */
  | { kind: "wrong-key" }
  /** No answer in time, no connection, or an answer that was not a list of domains. */
  | { kind: "unreachable" };

export type DomainsOptions = {
  apiKey: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Short: the author's status page waits for this, and must not hang on Resend. */
  timeoutMs?: number;
};

/** Asks Resend for the account's domains and their verification (`GET /domains`); never throws. */
export async function resendDomains(options: DomainsOptions): Promise<DomainsAnswer> {
  const baseUrl = (options.baseUrl ?? "https://api.resend.com").replace(/\/+$/, "");
  const doFetch = options.fetch ?? fetch;
  try {
    const response = await doFetch(`${baseUrl}/domains`, {
      headers: { authorization: `Bearer ${options.apiKey}` },
      signal: AbortSignal.timeout(options.timeoutMs ?? 3000),
    });
    const body = (await response.json().catch(() => null)) as { name?: string } | null;
    if (response.status === 401 && body?.name === "restricted_api_key") return { kind: "sending-only-key" };
    if (response.status === 401 || response.status === 403) return { kind: "wrong-key" };
    const list = listSchema.safeParse(body);
    return response.ok && list.success ? { kind: "listed", domains: list.data.data } : { kind: "unreachable" };
  } catch {
    return { kind: "unreachable" };
  }
}
