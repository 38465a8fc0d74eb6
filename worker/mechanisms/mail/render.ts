import { render, toPlainText } from "@react-email/render";
import type { ReactElement } from "react";
import { textOptions } from "./plain-text.ts";

/**
 * HTML and plain text of one mail, from a single React render. Only the build
 * (scripts/mail-templates.ts) and the tests call this: the Worker carries no React.
 */
export async function renderMail(element: ReactElement): Promise<{ html: string; text: string }> {
  const html = await render(element);
  return { html, text: toPlainText(html, textOptions) };
}
