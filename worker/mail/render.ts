import { render } from "@react-email/render";
import type { ReactElement } from "react";

/** HTML and plain text of one mail, from the same React Email element. */
export async function renderMail(element: ReactElement): Promise<{ html: string; text: string }> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}
