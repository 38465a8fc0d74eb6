/** Before an opening quote: the start, a space, an opening bracket or a dash. */
const OPEN = /(^|[\s([{\u2014\u2013-])/u.source;

/** Straight quotes in prose, curly as Dutch typesetting has them: “dit”, ‘dat’, ’s avonds, zo’n. */
function curlProse(text: string): string {
  return text
    .replace(new RegExp(`${OPEN}"`, "gu"), "$1\u201c")
    .replace(/"/g, "\u201d")
    .replace(/(\p{L})'(?=\p{L})/gu, "$1\u2019")
    .replace(new RegExp(`${OPEN}'(?=(?:s|t|k|n)\\b)`, "gu"), "$1\u2019")
    .replace(new RegExp(`${OPEN}'`, "gu"), "$1\u2018")
    .replace(/'/g, "\u2019");
}

/**
 * The text with typographic quotes, so a lesson reads the same whichever quotes its author
 * typed. In Markdown, code spans, link targets and tags are left exactly as they are.
 */
export function typographicQuotes(text: string): string {
  return text
    .split(/(`[^`]*`|\]\([^)]*\)|<[^>]*>)/)
    .map((part, index) => (index % 2 === 1 ? part : curlProse(part)))
    .join("");
}
