import { render, toPlainText } from "@react-email/render";
import type { ReactElement } from "react";

const headings = ["h1", "h2", "h3"].map((selector) => ({ selector, options: { uppercase: false } }));

/** The plain-text part of a mail, from its HTML: headings kept as written, links spelled out. */
export function plainText(html: string): string {
  return toPlainText(html, { selectors: headings });
}

/** HTML and plain text of one mail, from a single React render. */
export async function renderMail(element: ReactElement): Promise<{ html: string; text: string }> {
  const html = await render(element);
  return { html, text: plainText(html) };
}
