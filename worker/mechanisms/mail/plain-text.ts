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

/**
 * Our own rules on top of React Email's `toPlainText` (html-to-text): headings kept as written,
 * buttons and footer links as blocks. The build writes every mail's text with them; the Worker
 * writes a newsletter issue's by the same rules with text-builder.ts.
 */
export const textOptions = {
  selectors: [
    ...["h1", "h2", "h3"].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: "a[data-text-link=block]", format: "linkBlock" },
  ],
  formatters: { linkBlock },
};
