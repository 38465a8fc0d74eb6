/**
 * The placeholders a mail template is rendered with (`npm run content:build`) and the Worker
 * fills in, and the one rule that keeps them apart from what the mail says.
 *
 * A marker is a name between two U+0080 characters. In a template's own text every U+0080 is
 * doubled (`literal`), so a template read from left to right is never ambiguous: U+0080 twice
 * is that character, U+0080 name U+0080 is a marker. Whatever text went in (an author's issue,
 * a lesson, a reader's name, a marker's own spelling) comes out as written and is never taken
 * for a marker. U+0080, because nothing on the way makes one out of other text: React and
 * html-to-text pass it as it is, and no HTML character reference decodes to it (the HTML
 * standard reads &#128; as €), so turning a filled-in issue's HTML into text forges none either.
 */
const MARK = "\u0080";
/** The build's second render spells every marker with this instead (see `templateFromRenders`). */
const TWIN = "\u0081";
const NAME = /^[a-z0-9]+$/;
// U+0080 twice, a marker, or a U+0080 that is neither (a template the build did not make).
const TOKEN = /\u0080(?:\u0080|([a-z0-9]+)\u0080)|\u0080/g;

/** Most answers a question has (lessons and newsletter issues alike). */
export const MAX_ANSWERS = 5;

/** What each reader value is called in a template. */
export const READER_NAMES = {
  url: "url",
  firstName: "name",
  answerToken: "answer",
  unsubscribeToken: "unsubscribe",
  preferencesToken: "preferences",
  confirmToken: "confirm",
  /** How many of a series' questions the reader answered, for the look back in its closing mail. */
  answered: "answered",
  /** When the reader's lessons come, in words, for the welcome mail. */
  rhythm: "rhythm",
} as const;

/** A value a reader's copy of a mail fills in. */
export type ReaderMarker = keyof typeof READER_NAMES;

/** What an issue's value is called in a template, filled in once per issue. */
export const ISSUE_NAMES = {
  subject: "subject",
  preheader: "preheader",
  bodyHtml: "body",
  prompt: "prompt",
  labels: Array.from({ length: MAX_ANSWERS }, (_, index) => `label${index + 1}`),
  /** The archive's slug of the issue, for its "Lees online" link. */
  slug: "slug",
  /**
   * Parts an issue may leave out: everything between a part's two markers goes, markers and
   * all, or only the markers do (see `withParts`).
   */
  parts: { greeting: ["greeting", "greetingend"], online: ["online", "onlineend"] },
} as const;

/** A part of the newsletter's template an issue may leave out. */
export type IssuePart = keyof typeof ISSUE_NAMES.parts;

/** The pieces with each part kept (only its markers go) or left out (all between them goes too). */
export function withParts(pieces: Piece[], keep: Record<IssuePart, boolean>): Piece[] {
  const starts = new Map(
    Object.entries(ISSUE_NAMES.parts).map(([part, [start]]) => [start as string, part as IssuePart]),
  );
  const ends = new Set<string>(Object.values(ISSUE_NAMES.parts).map(([, end]) => end));
  const kept: Piece[] = [];
  let leaving: IssuePart | null = null;
  for (const piece of pieces) {
    if (typeof piece === "object" && starts.has(piece.marker)) {
      const part = starts.get(piece.marker)!;
      if (!keep[part]) leaving = part;
      continue;
    }
    if (typeof piece === "object" && ends.has(piece.marker)) {
      leaving = null;
      continue;
    }
    if (leaving === null) kept.push(piece);
  }
  return kept;
}

/** Every marker, spelt with `mark`: the Worker's, and the twins of the build's second render. */
function spelt(mark: string) {
  const spell = (name: string) => `${mark}${name}${mark}`;
  return {
    reader: Object.fromEntries(Object.entries(READER_NAMES).map(([key, name]) => [key, spell(name)])) as Record<
      ReaderMarker,
      string
    >,
    issue: {
      subject: spell(ISSUE_NAMES.subject),
      preheader: spell(ISSUE_NAMES.preheader),
      bodyHtml: spell(ISSUE_NAMES.bodyHtml),
      prompt: spell(ISSUE_NAMES.prompt),
      labels: ISSUE_NAMES.labels.map(spell),
      slug: spell(ISSUE_NAMES.slug),
      parts: {
        greeting: ISSUE_NAMES.parts.greeting.map(spell) as [string, string],
        online: ISSUE_NAMES.parts.online.map(spell) as [string, string],
      },
    },
  };
}

const markers = spelt(MARK);

/** What differs from reader to reader: the site's address (runtime config), the name and the link tokens. */
export const READER_MARKERS = markers.reader;

/** What differs from issue to issue in the newsletter's one template. */
export const ISSUE_MARKERS = markers.issue;

/** The same markers spelt otherwise, for the build's second render of every mail. */
export const TWIN_MARKERS = spelt(TWIN);

/** Text as a template holds it: read back as exactly this text, never as a marker. */
function literal(text: string): string {
  return text.replaceAll(MARK, MARK + MARK);
}

/** A template read back: its text and its markers (by name), in order. */
export type Piece = string | { marker: string };

function stray(): never {
  throw new Error("a mail template holds a lone U+0080: it was not made by templateFromRenders or writeTemplate");
}

/** The template with each marker replaced by `value(name)`, and its own text as it was written. */
export function fillMarkers(template: string, value: (name: string) => string): string {
  return template.replace(TOKEN, (token, name: string | undefined) => {
    if (token.length === 1) stray();
    return name === undefined ? MARK : value(name);
  });
}

/** A template as pieces, to change some of its markers for text (`writeTemplate` makes it a template again). */
export function readTemplate(template: string): Piece[] {
  const pieces: Piece[] = [];
  let text = "";
  let from = 0;
  for (const match of template.matchAll(TOKEN)) {
    text += template.slice(from, match.index);
    from = match.index + match[0].length;
    if (match[0].length === 1) stray();
    if (match[1] === undefined) {
      text += MARK;
      continue;
    }
    if (text) pieces.push(text);
    pieces.push({ marker: match[1] });
    text = "";
  }
  text += template.slice(from);
  if (text) pieces.push(text);
  return pieces;
}

/** Pieces as a template: each text `literal`, each marker as a marker. */
export function writeTemplate(pieces: Piece[]): string {
  return pieces.map((piece) => (typeof piece === "string" ? literal(piece) : `${MARK}${piece.marker}${MARK}`)).join("");
}

/**
 * The build's side: a template from two renders of one mail, with the markers and with their
 * twins. A marker stands exactly where the two differ; everything else is the mail's own
 * text, whatever it spells, and goes in as `literal`. Throws if they differ in anything else.
 */
export function templateFromRenders(withMarkers: string, withTwins: string): string {
  let template = "";
  let from = 0;
  let at = 0;
  while (at < withMarkers.length) {
    if (withMarkers[at] === withTwins[at]) {
      at++;
      continue;
    }
    const end = withMarkers.indexOf(MARK, at + 1);
    const name = withMarkers.slice(at + 1, end);
    const marker = `${MARK}${name}${MARK}`;
    if (
      end < 0 ||
      !NAME.test(name) ||
      !withMarkers.startsWith(marker, at) ||
      !withTwins.startsWith(`${TWIN}${name}${TWIN}`, at)
    )
      throw new Error(`the two renders of a mail differ at ${at} in more than a marker`);
    template += literal(withMarkers.slice(from, at)) + marker;
    at = from = end + 1;
  }
  if (withMarkers.length !== withTwins.length) throw new Error("the two renders of a mail differ in length");
  return template + literal(withMarkers.slice(from));
}
