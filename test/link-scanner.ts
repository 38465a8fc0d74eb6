import { exports } from "cloudflare:workers";
import { BASE } from "./helpers.ts";

type Mail = { html: string; text: string; headers: Record<string, string> };

const ORIGIN = new URL(BASE).origin;

// What corporate filters send: no cookies, no JavaScript, a generic or bot user agent.
const SCANNER_HEADERS = {
  "user-agent": "Mozilla/5.0 (compatible; LinkScanner/1.0; +https://scanner.example)",
  accept: "*/*",
};

/** Every link to this site in a mail, found the ways a scanner finds them: HTML hrefs, plain-text URLs, the List-Unsubscribe header. */
export function siteLinks(mail: Mail): string[] {
  const hrefs = [...mail.html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!.replace(/&amp;/g, "&"));
  const textUrls = [...mail.text.matchAll(/https?:\/\/[^\s<>"'\])]+/g)].map((match) => match[0]);
  const headerUrls = [...(mail.headers["List-Unsubscribe"] ?? "").matchAll(/<([^>]+)>/g)].map((match) => match[1]!);
  return [...new Set([...hrefs, ...textUrls, ...headerUrls])].filter((url) => url.startsWith(`${ORIGIN}/`));
}

/** One scanner fetch: a single request, or redirects followed (on this site) up to `maxHops`. Returns every status seen. */
async function scan(url: string, method: "GET" | "HEAD", follow: boolean, maxHops = 5): Promise<number[]> {
  const statuses: number[] = [];
  let next: string | null = url;
  for (let hop = 0; next !== null && hop <= maxHops; hop++) {
    const response: Response = await exports.default.fetch(
      new Request(next, { method, headers: SCANNER_HEADERS, redirect: "manual" }),
    );
    await response.arrayBuffer();
    statuses.push(response.status);
    const location = response.headers.get("location");
    const target: URL | null =
      location && response.status >= 300 && response.status < 400 ? new URL(location, next) : null;
    next = follow && target?.origin === ORIGIN ? target.href : null;
  }
  return statuses;
}

/**
 * Plays a mail scanner over `mails`: every site link, with GET and HEAD, with and
 * without following redirects, `rounds` times in a row. Returns the links it fetched
 * and every status it saw.
 */
export async function scanMails(mails: Mail[], rounds = 3): Promise<{ links: string[]; statuses: number[] }> {
  const links = [...new Set(mails.flatMap(siteLinks))];
  const statuses: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const link of links) {
      for (const method of ["GET", "HEAD"] as const) {
        for (const follow of [false, true]) statuses.push(...(await scan(link, method, follow)));
      }
    }
  }
  return { links, statuses };
}
