import type { Token, Tokens } from "marked";
import { TextBuilder } from "../../worker/mechanisms/mail/text-builder.ts";
import { issueTokens, linkHref } from "./markdown.ts";

/** What a mail's plain text writes for the HTML `issueBodyHtml` makes (React Email's `toPlainText` rules). */
const PARAGRAPH = { leading: 2, trailing: 2 };
const HEADING = { leading: 3, trailing: 2 };
const RULE = "-".repeat(40);

/** A link's text, then its address after a space unless the text is the address (mailto: left off). */
function link(builder: TextBuilder, href: string, tokens: Token[]) {
  builder.capture();
  inline(builder, tokens);
  const text = builder.captured();
  const address = href.replace(/^mailto:/, "");
  if (!address || address.startsWith("#") || address === text) return;
  builder.inline(text ? ` ${address}` : address, { asWords: false });
}

function inline(builder: TextBuilder, tokens: Token[]) {
  for (const token of tokens) {
    switch (token.type) {
      case "text":
        if (token.tokens) inline(builder, token.tokens);
        else builder.inline(token.text);
        break;
      case "escape":
      case "codespan":
        builder.inline(token.text);
        break;
      case "checkbox":
        builder.inline(token.raw);
        break;
      case "strong":
      case "em":
      case "del":
        inline(builder, token.tokens ?? []);
        break;
      // An issue keeps each line break she typed: the HTML has a <br> for each.
      case "br":
        builder.lineBreak();
        builder.inline("\n");
        break;
      case "image":
        builder.inline("!");
        linkOrText(builder, token as Tokens.Image);
        break;
      case "link":
        linkOrText(builder, token as Tokens.Link);
        break;
    }
  }
}

/** A link as the HTML has it, or what she typed where no mail may link (`markdown.ts` leaves it text). */
function linkOrText(builder: TextBuilder, token: Tokens.Link | Tokens.Image) {
  const href = linkHref(token.href);
  if (href === null) builder.inline(token.raw);
  else link(builder, href, token.tokens ?? []);
}

/** The blocks of `tokens`; `inItem` when they stand right inside a list item, where a list is nested. */
function blocks(builder: TextBuilder, tokens: Token[], inItem = false) {
  for (const token of tokens) {
    switch (token.type) {
      case "paragraph":
        builder.openBlock(PARAGRAPH.leading);
        inline(builder, token.tokens ?? []);
        builder.closeBlock(PARAGRAPH.trailing);
        break;
      case "heading":
        builder.openBlock(HEADING.leading);
        inline(builder, token.tokens ?? []);
        builder.closeBlock(HEADING.trailing);
        break;
      case "blockquote":
        builder.openBlock(PARAGRAPH.leading);
        blocks(builder, token.tokens ?? []);
        builder.closeBlock(PARAGRAPH.trailing, (text) =>
          text
            .replace(/^\n+|\n+$/g, "")
            .split("\n")
            .map((line) => `> ${line}`)
            .join("\n"),
        );
        break;
      case "list":
        list(builder, token as Tokens.List, inItem);
        break;
      case "hr":
        builder.openBlock(PARAGRAPH.leading);
        builder.inline(RULE);
        builder.closeBlock(PARAGRAPH.trailing);
        break;
      case "code":
        builder.openBlock(PARAGRAPH.leading, { pre: true });
        builder.inline(token.text ? `${token.text.replace(/\n$/, "")}\n` : "");
        builder.closeBlock(PARAGRAPH.trailing);
        break;
      // A tight item's text, and its task box, run on inside the item.
      case "text":
      case "checkbox":
        inline(builder, [token]);
        break;
    }
  }
}

/** A list, each item after its prefix as html-to-text writes them. */
function list(builder: TextBuilder, token: Tokens.List, nested: boolean) {
  let number = token.ordered && token.start !== "" ? Number(token.start) : 1;
  const prefixes = token.items.map(() => {
    const prefix = token.ordered ? ` ${number++}. ` : " * ";
    return nested ? prefix.trimStart() : prefix;
  });
  builder.openList(nested ? 1 : PARAGRAPH.leading, Math.max(0, ...prefixes.map((prefix) => prefix.length)));
  token.items.forEach((item, index) => {
    builder.openItem(prefixes[index]!);
    blocks(builder, item.tokens, true);
    builder.closeItem();
  });
  builder.closeList(nested ? 1 : PARAGRAPH.trailing);
}

/**
 * The plain text of the author's Markdown (an issue's), as html-to-text would write it from
 * `issueBodyHtml`'s HTML inside a mail, with the line breaks its first and last block ask
 * around it: the Worker needs no HTML parser for it.
 */
export function markdownToText(source: string): { text: string; leading: number; trailing: number } {
  const builder = new TextBuilder();
  blocks(builder, issueTokens(source));
  return builder.result();
}
