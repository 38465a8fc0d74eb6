import { render, toPlainText } from "@react-email/render";
import type { ReactElement } from "react";

// The slice of html-to-text's builder and DOM that a formatter uses (the package ships no types).
type TextBuilder = {
  openBlock(options: { leadingLineBreaks: number }): void;
  closeBlock(options: { trailingLineBreaks: number }): void;
  addLineBreak(): void;
  addInline(text: string, options: { noWordTransform: boolean }): void;
};
type HtmlElement = { attribs?: Record<string, string>; children: unknown[] };

/** A button or footer link: its words on one line and the address, written out whole, on the next. */
function linkBlock(element: HtmlElement, walk: (nodes: unknown[], builder: TextBuilder) => void, builder: TextBuilder) {
  builder.openBlock({ leadingLineBreaks: 2 });
  walk(element.children, builder);
  builder.addLineBreak();
  builder.addInline(element.attribs?.href ?? "", { noWordTransform: true });
  builder.closeBlock({ trailingLineBreaks: 2 });
}

const selectors = [
  ...["h1", "h2", "h3"].map((selector) => ({ selector, options: { uppercase: false } })),
  { selector: "a[data-text-link=block]", format: "linkBlock" },
];

/** The plain-text part of a mail, from its HTML: headings kept as written, every link spelled out. */
export function plainText(html: string): string {
  return toPlainText(html, { selectors, formatters: { linkBlock } });
}

/** HTML and plain text of one mail, from a single React render. */
export async function renderMail(element: ReactElement): Promise<{ html: string; text: string }> {
  const html = await render(element);
  return { html, text: plainText(html) };
}
