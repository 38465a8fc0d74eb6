import { convert } from "html-to-text";

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

/** Our own rules on top of React Email's: headings kept as written, buttons and footer links as blocks. */
export const textOptions = {
  selectors: [
    ...["h1", "h2", "h3"].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: "a[data-text-link=block]", format: "linkBlock" },
  ],
  formatters: { linkBlock },
};

/**
 * React Email's own `toPlainText` rules (@react-email/render 2.3), repeated here so the Worker
 * needs html-to-text only, not React; test/mail-templates.test.ts holds the two byte-identical.
 */
const reactEmailSelectors = [
  { selector: "img", format: "skip" },
  { selector: "[data-skip-in-text=true]", format: "skip" },
  { selector: "a", options: { linkBrackets: false, hideLinkHrefIfSameAsText: true } },
  { selector: '[data-text-format="dataTable"]', format: "dataTable" },
  ...["td", "th"].map((selector) => ({
    selector,
    format: "block",
    options: { leadingLineBreaks: 1, trailingLineBreaks: 1 },
  })),
];

/** The plain-text part of a mail, from its HTML: headings kept as written, every link spelled out. */
export function plainText(html: string): string {
  return convert(html, {
    wordwrap: false,
    formatters: textOptions.formatters,
    selectors: [...reactEmailSelectors, ...textOptions.selectors],
  });
}
