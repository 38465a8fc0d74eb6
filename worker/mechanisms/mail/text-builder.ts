// HTML's white space as html-to-text reads it: U+00A0 is not among it, U+200B is.
const SPACE = " \t\r\n\f\u200b";
const WORD = new RegExp(`[^${SPACE}]+`, "g");
const LEADING_SPACE = new RegExp(`^[${SPACE}]`);
const TRAILING_SPACE = new RegExp(`[${SPACE}]$`);

class Block {
  /** Finished lines of words, and the line being filled. */
  lines: string[][] = [];
  line: string[] = [];
  raw = "";
  /** Line breaks owed after this block's last text, paid when more text follows. */
  stashed = 0;
  /** White space came last, so the next word is a word of its own. */
  spaced = false;
  readonly outer: Block | null;
  leading: number;
  readonly pre: boolean;
  /** For a list: its longest item prefix; for a list item: its own prefix. */
  readonly prefixLength: number;
  readonly prefix: string;

  constructor(outer: Block | null, leading: number, pre: boolean, { prefixLength = 0, prefix = "" } = {}) {
    this.outer = outer;
    this.leading = leading;
    this.pre = pre;
    this.prefixLength = prefixLength;
    this.prefix = prefix;
  }

  text(): string {
    const empty = this.lines.length === 0 && this.line.length === 0;
    return empty ? this.raw : this.raw + [...this.lines, this.line].map((words) => words.join(" ")).join("\n");
  }

  newLine(count = 1) {
    this.lines.push(this.line, ...Array.from({ length: count - 1 }, () => []));
    this.line = [];
  }

  /** Puts a finished inner block's text after this block's, `leading` line breaks or more apart. */
  add(text: string, leading: number, trailing: number) {
    const before = this.text();
    const breaks = Math.max(this.stashed, leading);
    this.lines = [];
    this.line = [];
    if (before) this.raw = before + "\n".repeat(breaks) + text;
    else {
      this.raw = text;
      this.leading = breaks;
    }
    this.stashed = trailing;
  }
}

/**
 * Plain text built from blocks and inline text by html-to-text's rules (as React Email's
 * `toPlainText` sets them, without wrapping): white space between words shrinks to one space,
 * blocks stand the larger of their line breaks apart, list items get their prefix and nested
 * lines its indent. The Worker writes a newsletter issue's text with it from the issue's
 * Markdown, without parsing HTML; test/mail-templates.test.ts holds the result byte-identical
 * to html-to-text's.
 */
export class TextBuilder {
  private block = new Block(null, 1, false);
  private readonly captures: string[][] = [];

  /** Text inside the current block; white space shrinks, except in a `pre` block. */
  inline(text: string, { asWords = true } = {}) {
    const block = this.block;
    if (block.pre) {
      block.raw += text;
      return;
    }
    const words = text.match(WORD) ?? [];
    if (text === "" || (block.stashed && words.length === 0)) return;
    if (block.stashed) block.newLine(block.stashed);
    words.forEach((word, index) => {
      if (asWords) for (const capture of this.captures) capture.push(word);
      if (index > 0 || block.spaced || LEADING_SPACE.test(text)) block.line.push(word);
      else block.line.push((block.line.pop() ?? "") + word);
    });
    block.spaced = (block.spaced && words.length === 0) || TRAILING_SPACE.test(text);
    block.stashed = 0;
  }

  lineBreak() {
    if (this.block.pre) this.block.raw += "\n";
    else this.block.newLine();
  }

  openBlock(leading: number, { pre = false } = {}) {
    this.block = new Block(this.block, leading, pre || this.block.pre);
  }

  closeBlock(trailing: number, transform: (text: string) => string = (text) => text) {
    const block = this.close();
    this.block.add(transform(block.text()), block.leading, Math.max(block.stashed, trailing));
  }

  /** A list whose longest item prefix is `prefixLength` characters long. */
  openList(leading: number, prefixLength: number) {
    this.block = new Block(this.block, leading, this.block.pre, { prefixLength });
  }

  openItem(prefix: string) {
    this.block = new Block(this.block, 1, this.block.pre, { prefix });
  }

  closeItem() {
    const item = this.close();
    const list = this.block;
    const width = Math.max(item.prefix.length, list.prefixLength);
    const text = item.prefix.padEnd(width) + item.text().replace(/\n/g, `\n${" ".repeat(width)}`);
    list.add(text, item.leading, Math.max(item.stashed, 1));
  }

  closeList(trailing: number) {
    const list = this.close();
    const text = list.text();
    if (text) this.block.add(text, list.leading, trailing);
  }

  /** Starts collecting the words of inline text, as a link does to compare its text with its address. */
  capture() {
    this.captures.push([]);
  }

  /** The words collected since `capture`, run together. */
  captured(): string {
    return (this.captures.pop() ?? []).join("");
  }

  /** The text, and the line breaks its first block asks before it and its last after it. */
  result(): { text: string; leading: number; trailing: number } {
    return { text: this.block.text(), leading: this.block.leading, trailing: this.block.stashed };
  }

  private close(): Block {
    const block = this.block;
    if (!block.outer) throw new Error("closed more blocks than were opened");
    this.block = block.outer;
    return block;
  }
}

/** Inline text as a mail's plain text writes it: its words, one space apart. */
export function inlineText(text: string): string {
  const builder = new TextBuilder();
  builder.inline(text);
  return builder.result().text;
}
