import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import { deriveToken } from "../../mechanisms/lib/tokens.ts";

/** Providers that deliver `a.n.n.a@` to `anna@`: there, dots do not make another mailbox. */
const DOTLESS = new Map([
  ["gmail.com", "gmail.com"],
  ["googlemail.com", "gmail.com"],
]);

/**
 * The mailbox an address delivers to, as far as we can tell: lower-cased, without a `+tag`,
 * and without dots where the provider ignores them. Every spelling of one mailbox gives the
 * same value, so throttles keyed on it hold across them all. Never used to send mail.
 */
export function mailboxOf(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf("@");
  if (at < 1) return lower;
  let local = lower.slice(0, at);
  let domain = lower.slice(at + 1);
  const plus = local.indexOf("+");
  if (plus > 0) local = local.slice(0, plus);
  const canonical = DOTLESS.get(domain);
  if (canonical) {
    local = local.replace(/\./g, "");
    domain = canonical;
  }
  return `${local}@${domain}`;
}

/**
 * `mailboxOf` in SQL, for a column of addresses (valid ones, with one `@`), so existing readers
 * are found by mailbox. It reads every row: fine for an import or a webhook, not for a page.
 */
export function mailboxSql(column: AnyColumn): SQL<string> {
  const address = sql`lower(trim(${column}))`;
  const local = sql`substr(${address}, 1, instr(${address}, '@') - 1)`;
  const domain = sql`substr(${address}, instr(${address}, '@') + 1)`;
  const untagged = sql`(case when instr(${local}, '+') > 1 then substr(${local}, 1, instr(${local}, '+') - 1) else ${local} end)`;
  const dotless = [...DOTLESS].map(
    ([from, to]) => sql`when ${domain} = ${from} then replace(${untagged}, '.', '') || '@' || ${to}`,
  );
  return sql<string>`(case ${sql.join(dotless, sql` `)} else ${untagged} || '@' || ${domain} end)`;
}

/** What is kept of a mailbox for its throttle: a keyed hash, never the address. */
export function mailboxHash(secret: string, email: string): Promise<string> {
  return deriveToken(secret, "mailbox", mailboxOf(email));
}

/** One client for the per-IP limit: an IPv4 address, or the /64 an IPv6 address is in (a home or phone gets a whole /64). */
export function clientKey(ip: string | undefined): string {
  if (!ip) return "unknown";
  if (!ip.includes(":")) return ip;
  const address = ip.split("%")[0]!.toLowerCase();
  const [head = "", tail] = address.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array.from({ length: Math.max(0, missing) }, () => "0"), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
