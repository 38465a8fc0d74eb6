/**
 * Links live in mailboxes for years, so a URL that was once mailed keeps working. Each rule
 * here keeps the links of an earlier version alive, and says which links and why; nothing
 * else in worker/ special-cases old links, it asks this module.
 */

/**
 * Tokens from before key ids: 43 base64url characters with no key id in front. Answer and
 * confirmation tokens of that time are found by their hash as they are; a reader's own
 * unsubscribe and preferences tokens by the hashes stored with the reader at signup; and a
 * mail claimed then is re-sent with links made the same way (a signer without a key id).
 */
export function isBareToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/**
 * The scope of a delivery's own link token, which its id is the hash of. Lessons and closing
 * mails keep the scope they had before there were kinds of mail (reader and slug), so their
 * ids, and the answer links in mails already sent, stay what they were. Slugs never hold a "/"
 * or "#", so the scopes of other kinds and of later rounds never meet theirs.
 */
export function deliveryScope(delivery: { kind: string; subscriberId: string; ref: string; round?: number | null }) {
  const { kind, subscriberId, ref, round } = delivery;
  const again = round && round > 1 ? `#${round}` : "";
  return kind === "lesson" || kind === "closing" ? `${subscriberId}:${ref}${again}` : `${subscriberId}:${kind}/${ref}`;
}

/**
 * The ref closing mails had before there were series: they all closed the first series. Their
 * answer links and the reader's export still find that series by it, so no series may take it as id.
 */
export const CLOSING_BEFORE_SERIES = "afsluiting";

/**
 * The key of a course mail on the author's Lessons page (`/beheer/lessen/<key>`): the first
 * series keeps the keys it had before there were series ("3", "afsluiting"), so her bookmarks
 * still open; the mails of the other series are prefixed with their id.
 */
export function authorMailKey(seriesId: string, isFirstSeries: boolean, mail: string | number): string {
  return isFirstSeries ? `${mail}` : `${seriesId}-${mail}`;
}
