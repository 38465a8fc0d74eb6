import { TextBuilder } from "../../worker/mechanisms/mail/text-builder.ts";
import { issueTokens } from "./markdown.ts";

type Token = ReturnType<typeof issueTokens>[number];

/** What a mail's plain text writes for the HTML `issueBodyHtml` makes (React Email's `toPlainText` rules). */
const PARAGRAPH = { leading: 2, trailing: 2 };
const HEADING = { leading: 3, trailing: 2 };
const RULE = "-".repeat(40);

/** The list whose items are at `tokens[from]`: the prefix of each, as html-to-text writes them. */
function listPrefixes(tokens: Token[], from: number, nested: boolean): string[] {
  const list = tokens[from]!;
  const prefixes: string[] = [];
  let number = Number(list.attrGet("start") ?? 1);
  for (let at = from + 1; at < tokens.length && tokens[at]!.level > list.level; at++) {
    const token = tokens[at]!;
    if (token.type !== "list_item_open" || token.level !== list.level + 1) continue;
    const prefix = list.type === "ordered_list_open" ? ` ${number++}. ` : " * ";
    prefixes.push(nested ? prefix.trimStart() : prefix);
  }
  return prefixes;
}

/** A link's text, then its address after a space unless the text is the address (mailto: left off). */
function link(builder: TextBuilder, href: string) {
  const text = builder.captured();
  const address = href.replace(/^mailto:/, "");
  if (!address || address.startsWith("#") || address === text) return;
  builder.inline(text ? ` ${address}` : address, { asWords: false });
}

function inline(builder: TextBuilder, children: Token[]) {
  const links: string[] = [];
  for (const token of children) {
    if (token.type === "text" || token.type === "code_inline") builder.inline(token.content);
    // An issue keeps each line break she typed: markdown-it writes a soft one as <br> too.
    else if (token.type === "softbreak" || token.type === "hardbreak") {
      builder.lineBreak();
      builder.inline("\n");
    } else if (token.type === "link_open") {
      links.push(String(token.attrGet("href") ?? ""));
      builder.capture();
    } else if (token.type === "link_close") link(builder, links.pop() ?? "");
  }
}

/**
 * The plain text of the author's Markdown (an issue's), as html-to-text would write it from
 * `issueBodyHtml`'s HTML inside a mail, with the line breaks its first and last block ask
 * around it: the Worker needs no HTML parser for it.
 */
export function markdownToText(source: string): { text: string; leading: number; trailing: number } {
  const builder = new TextBuilder();
  const tokens = issueTokens(source);
  // The elements open around a token, as the HTML nests them: a list right inside an item is nested.
  const open: string[] = [];
  const prefixes: string[][] = [];
  tokens.forEach((token, at) => {
    if (token.nesting === 1 && !token.hidden) open.push(token.tag);
    if (token.nesting === -1 && !token.hidden) open.pop();
    switch (token.type) {
      case "paragraph_open":
        if (!token.hidden) builder.openBlock(PARAGRAPH.leading);
        break;
      case "paragraph_close":
        if (!token.hidden) builder.closeBlock(PARAGRAPH.trailing);
        break;
      case "heading_open":
        builder.openBlock(HEADING.leading);
        break;
      case "heading_close":
        builder.closeBlock(HEADING.trailing);
        break;
      case "blockquote_open":
        builder.openBlock(PARAGRAPH.leading);
        break;
      case "blockquote_close":
        builder.closeBlock(PARAGRAPH.trailing, (text) =>
          text
            .replace(/^\n+|\n+$/g, "")
            .split("\n")
            .map((line) => `> ${line}`)
            .join("\n"),
        );
        break;
      case "bullet_list_open":
      case "ordered_list_open": {
        const nested = open.at(-2) === "li";
        const items = listPrefixes(tokens, at, nested);
        prefixes.push(items.reverse());
        builder.openList(nested ? 1 : PARAGRAPH.leading, Math.max(0, ...items.map((prefix) => prefix.length)));
        break;
      }
      case "bullet_list_close":
      case "ordered_list_close":
        prefixes.pop();
        builder.closeList(open.at(-1) === "li" ? 1 : PARAGRAPH.trailing);
        break;
      case "list_item_open":
        builder.openItem(prefixes.at(-1)?.pop() ?? "");
        break;
      case "list_item_close":
        builder.closeItem();
        break;
      case "hr":
        builder.openBlock(PARAGRAPH.leading);
        builder.inline(RULE);
        builder.closeBlock(PARAGRAPH.trailing);
        break;
      case "code_block":
      case "fence":
        builder.openBlock(PARAGRAPH.leading, { pre: true });
        builder.inline(token.content);
        builder.closeBlock(PARAGRAPH.trailing);
        break;
      case "inline":
        inline(builder, token.children ?? []);
        break;
    }
  });
  return builder.result();
}
