import { expect } from "vitest";

type Sent = { method: string; path: string; response: Response };

/**
 * What every answer to every request must be: never a server error, and either a
 * redirect within the site or a page with a Dutch message, in which nothing a
 * client sent runs as markup. Returns the body for more specific checks.
 */
export async function expectClearAnswer({ method, path, response }: Sent, where: string): Promise<string> {
  expect(response.status, where).toBeLessThan(500);
  const body = await response.text();
  expect(body, where).not.toMatch(/<script>alert|<img src=x/);
  if (response.status >= 300 && response.status < 400) {
    expect(response.headers.get("location"), where).toMatch(/^\/(?![/\\])/);
    return body;
  }
  // The local outbox answers in JSON, plain text, or a kept mail's own HTML; Resend's webhook is answered for Resend, not a reader.
  if ((response.ok && path.startsWith("/dev/outbox")) || path.startsWith("/webhooks/")) return body;
  expect(response.headers.get("content-type"), where).toMatch(/^text\/html/);
  if (method === "HEAD") return body;
  expect(body, where).toContain('<html lang="nl">');
  expect(body, where).toMatch(/<h1>\s*[^<\s]/);
  expect(body, where).not.toContain("Er ging even iets mis");
  return body;
}
