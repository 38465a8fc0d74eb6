import type { ReactElement } from "react";
import type { ReaderTokens } from "./links.ts";
import { renderMail } from "./render.ts";

/** What differs from reader to reader in a mail: their name and link tokens. */
export type Personal = ReaderTokens & { firstName?: string | undefined; answerToken: string };

// Markers that survive React's escaping and the plain-text conversion untouched.
const marker = (name: string) => `__rr_${name}_9f2c__`;
const MARKERS = {
  firstName: marker("name"),
  answerToken: marker("answer"),
  unsubscribeToken: marker("unsubscribe"),
  preferencesToken: marker("preferences"),
};
const MARKER_PATTERN = new RegExp(marker("(name|answer|unsubscribe|preferences)"), "g");

/** A rendered mail's two parts. */
export type Template = { html: string; text: string };
const templates = new Map<string, Promise<Template>>();

/** React's escaping of text and attribute values, so a substituted name is byte-identical to a rendered one. */
function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[c]!,
  );
}

/**
 * A mail rendered once per `key` (with and without a first name) and kept for the
 * life of the isolate; each reader's copy is made by substituting their name and
 * link tokens, escaped for HTML in the HTML part and as-is in the text part. The
 * result is the same, byte for byte, as a full render of `element(personal)`.
 * `key` must change whenever what `element` renders does (other than `personal`).
 */
export async function personalise(
  key: string,
  element: (personal: Personal) => ReactElement,
  personal: Personal,
): Promise<Template> {
  const named = personal.firstName !== undefined && personal.firstName !== "";
  const cacheKey = `${key}|${named}`;
  let template = templates.get(cacheKey);
  if (!template) {
    template = renderMail(element({ ...MARKERS, firstName: named ? MARKERS.firstName : undefined }));
    templates.set(cacheKey, template);
    template.catch(() => templates.delete(cacheKey));
  }
  const { html, text } = await template;
  const values = {
    name: personal.firstName ?? "",
    answer: personal.answerToken,
    unsubscribe: personal.unsubscribeToken,
    preferences: personal.preferencesToken,
  };
  const fill = (encode: (value: string) => string) => (_: string, name: keyof typeof values) => encode(values[name]);
  return { html: html.replace(MARKER_PATTERN, fill(escapeHtml)), text: text.replace(MARKER_PATTERN, fill(String)) };
}
