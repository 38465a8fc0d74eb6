import type { ReaderTokens } from "./links.ts";
import { fillMarkers, READER_NAMES, type ReaderMarker } from "./markers.ts";

/** What differs from reader to reader in a mail: their name and link tokens. */
export type Personal = ReaderTokens & {
  firstName?: string | undefined;
  answerToken: string;
  /** A closing mail's look back: how many of the series' questions the reader answered. */
  answered?: string | undefined;
  /** The welcome's word for when her lessons come ("elke week op dinsdag rond 7:00 uur"). */
  rhythm?: string | undefined;
};

/** A rendered mail's two parts. */
export type Template = { html: string; text: string };

/** One mail rendered with markers, with a name in the greeting and without. */
export type MailTemplate = { named: Template; unnamed: Template };

/**
 * A part (HTML or text) of a template as the build stores it: the named and the unnamed
 * render differ only around the greeting, so what they share is kept once.
 */
export type StoredPart = { head: string; named: string; unnamed: string; tail: string };

/** A template as the build stores it: its HTML and its text. */
export type StoredTemplate = { html: StoredPart; text: StoredPart };

/** A change to a template: its text from `from` up to `to` replaced by `insert`. */
export type Edit = { from: number; to: number; insert: string };

/**
 * A template that differs from another (`base`) in one place, such as a lesson opened by a
 * line for one answer: kept as that change to each of the base's four renders, not whole.
 */
export type StoredVariant = {
  base: string;
  html: { named: Edit; unnamed: Edit };
  text: { named: Edit; unnamed: Edit };
};

/** Every template the build renders (`npm run content:build`), by key. */
export type StoredTemplates = Record<string, StoredTemplate | StoredVariant>;

/** The one change that makes `base` into `variant` (the build's side of `StoredVariant`). */
export function editBetween(base: string, variant: string): Edit {
  let from = 0;
  while (from < base.length && base[from] === variant[from]) from++;
  let tail = 0;
  while (
    tail < base.length - from &&
    tail < variant.length - from &&
    base[base.length - 1 - tail] === variant[variant.length - 1 - tail]
  )
    tail++;
  return { from, to: base.length - tail, insert: variant.slice(from, variant.length - tail) };
}

const applyEdit = (base: string, { from, to, insert }: Edit) => base.slice(0, from) + insert + base.slice(to);

/** Splits the two renders of one part into what they share and what differs (the build's side of `StoredPart`). */
export function storePart(named: string, unnamed: string): StoredPart {
  let head = 0;
  while (head < named.length && named[head] === unnamed[head]) head++;
  let tail = 0;
  while (
    tail < named.length - head &&
    tail < unnamed.length - head &&
    named[named.length - 1 - tail] === unnamed[unnamed.length - 1 - tail]
  )
    tail++;
  return {
    head: named.slice(0, head),
    named: named.slice(head, named.length - tail),
    unnamed: unnamed.slice(head, unnamed.length - tail),
    tail: named.slice(named.length - tail),
  };
}

/** What a reader's copy fills in: `url` is `PUBLIC_URL`; the rest as the mail has them. */
export type ReaderValues = { url: string } & Partial<Record<Exclude<ReaderMarker, "url">, string>>;

const byName = new Map(Object.entries(READER_NAMES).map(([key, name]) => [name as string, key as ReaderMarker]));

/** React's escaping of text and attribute values, so a substituted value is byte-identical to a rendered one. */
export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[c]!,
  );
}

/**
 * One reader's copy of a mail rendered with markers: their values substituted, escaped for
 * HTML in the HTML part and as they are in the text part, and the template's own text as it
 * was written (see markers.ts: nothing in it is taken for a marker). The result is the same,
 * byte for byte, as a full React render for that reader (test/mail-templates.test.ts).
 */
export function fillTemplate(template: MailTemplate, values: ReaderValues): Template {
  const { html, text } = values.firstName ? template.named : template.unnamed;
  const value = (name: string) => {
    const key = byName.get(name);
    const found = key && values[key];
    if (found === undefined) throw new Error(`a mail template asks for "${name}", which this mail has no value for`);
    return found;
  };
  return { html: fillMarkers(html, (name) => escapeHtml(value(name))), text: fillMarkers(text, value) };
}

/** The mails the build rendered, looked up by key and filled in for one reader. */
export type TemplateStore = {
  /** The template at `key` ("confirmation", "welcome", "lesson/<slug>", "closing/<series>", "newsletter/<answers>"), or null. */
  mailTemplate(key: string): MailTemplate | null;
  /** The mail at `key` for one reader (see `fillTemplate`); a key the build did not render is a bug. */
  personalise(key: string, values: ReaderValues): Template;
};

/** A store over the templates the build rendered (`npm run content:build`); each is joined once, on first use. */
export function templateStore(stored: StoredTemplates): TemplateStore {
  const templates = new Map<string, MailTemplate>();
  function mailTemplate(key: string): MailTemplate | null {
    let template = templates.get(key);
    if (!template && Object.hasOwn(stored, key)) {
      const entry = stored[key]!;
      if ("base" in entry) {
        const base = mailTemplate(entry.base);
        if (!base) return null;
        const { html, text } = entry;
        template = {
          named: { html: applyEdit(base.named.html, html.named), text: applyEdit(base.named.text, text.named) },
          unnamed: {
            html: applyEdit(base.unnamed.html, html.unnamed),
            text: applyEdit(base.unnamed.text, text.unnamed),
          },
        };
      } else {
        const { html, text } = entry;
        const whole = (part: StoredPart, which: "named" | "unnamed") => part.head + part[which] + part.tail;
        template = {
          named: { html: whole(html, "named"), text: whole(text, "named") },
          unnamed: { html: whole(html, "unnamed"), text: whole(text, "unnamed") },
        };
      }
      templates.set(key, template);
    }
    return template ?? null;
  }
  return {
    mailTemplate,
    personalise(key, values) {
      const template = mailTemplate(key);
      if (!template) throw new Error(`no mail template "${key}" (npm run content:build)`);
      return fillTemplate(template, values);
    },
  };
}
