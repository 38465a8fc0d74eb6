import { Marked, type MarkedExtension, type Token, type Tokens } from "marked";
import { colors, heading, text } from "./theme.ts";
import { typographicQuotes } from "./typography.ts";

type Style = Record<string, string | number>;

const css = (style: Style) =>
  Object.entries(style)
    .map(([name, value]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${value}`)
    .join(";");

/** Inline styles per element, as mail apps need them; the same look as a lesson's text. */
const styles: Record<string, string> = {
  p: css(text),
  h2: css(heading.h2),
  h3: css({ ...heading.h2, fontSize: "19px" }),
  ul: css({ padding: "0 0 0 22px", margin: "0 0 16px" }),
  ol: css({ padding: "0 0 0 22px", margin: "0 0 16px" }),
  li: css({ ...text, margin: "0 0 8px" }),
  blockquote: css({ ...text, fontStyle: "italic", borderLeft: `3px solid ${colors.line}`, padding: "0 0 0 14px" }),
  a: css({ color: colors.accent, textDecoration: "underline" }),
};

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Text as HTML shows it letter for letter: an entity she typed (`&amp;`) stays as she typed it. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}

/** The address of a link she may make (http(s) or mailto), percent-encoded as a URL; null for any other. */
export function linkHref(href: string): string | null {
  if (!/^(https?:|mailto:)/i.test(href.trim())) return null;
  try {
    return encodeURI(href).replace(/%25([0-9a-f]{2})/gi, "%$1");
  } catch {
    return null;
  }
}

/** A block's text without the spaces and tabs she left at its end. */
const trimEnd = (html: string) => html.replace(/[ \t]+$/, "");

/** A heading's level in a mail, whose own title is its only h1: # and ## become h2, deeper h3. */
export const headingLevel = (depth: number) => Math.min(3, Math.max(2, depth));

/**
 * What marked may not read in her text: raw HTML (shown as text instead, as any other letters),
 * tables, entities (`&amp;` reads as she typed it) and a bare www. address; a task box (`[ ]`) stays text.
 */
const asTyped: MarkedExtension = {
  tokenizer: {
    html: () => undefined,
    tag: () => undefined,
    table: () => undefined,
    // Only ~~ strikes through, as it always has: a single ~ (~5 minuten) stays as typed.
    del: (src) => (/^~(?!~)/.test(src) ? undefined : false),
    // A bare www. address stays text, as it always has; an address with http(s):// becomes a link.
    url: (src) => (/^www\./i.test(src) ? undefined : false),
    inlineText(src) {
      const cap = this.rules.inline.text.exec(src);
      return cap ? { type: "text", raw: cap[0], text: cap[0] } : undefined;
    },
  },
};

function engine(breaks: boolean, styled: boolean) {
  const attr = (tag: string) => (styled && styles[tag] ? ` style="${styles[tag]}"` : "");
  const markdown = new Marked({ gfm: true, breaks });
  markdown.use(asTyped, {
    renderer: {
      heading({ tokens, depth }) {
        const tag = `h${headingLevel(depth)}`;
        return `<${tag}${attr(tag)}>${trimEnd(this.parser.parseInline(tokens))}</${tag}>\n`;
      },
      paragraph({ tokens }) {
        return `<p${attr("p")}>${trimEnd(this.parser.parseInline(tokens))}</p>\n`;
      },
      blockquote({ tokens }) {
        return `<blockquote${attr("blockquote")}>\n${this.parser.parse(tokens)}</blockquote>\n`;
      },
      list(list) {
        const tag = list.ordered ? "ol" : "ul";
        const start = list.ordered && list.start !== 1 ? ` start="${list.start}"` : "";
        return `<${tag}${start}${attr(tag)}>\n${list.items.map((item) => this.listitem(item)).join("")}</${tag}>\n`;
      },
      listitem(item) {
        const inner = item.loose
          ? `\n${this.parser.parse(item.tokens)}`
          : item.tokens
              .map((token) =>
                token.type === "text" || token.type === "checkbox"
                  ? this.parser.parseInline("tokens" in token && token.tokens ? token.tokens : [token])
                  : `\n${this.parser.parse([token])}`,
              )
              .join("");
        return `<li${attr("li")}>${inner}</li>\n`;
      },
      checkbox: ({ raw }) => escapeHtml(raw),
      code({ text: code, lang }) {
        const language = lang?.match(/^\S*/)?.[0];
        const classes = language ? ` class="language-${escapeHtml(language)}"` : "";
        return `<pre><code${classes}>${code ? `${escapeHtml(code.replace(/\n$/, ""))}\n` : ""}</code></pre>\n`;
      },
      hr: () => "<hr>\n",
      codespan: ({ text: code }) => `<code>${escapeHtml(code)}</code>`,
      br: () => "<br>\n",
      del({ tokens }) {
        return `<s>${this.parser.parseInline(tokens)}</s>`;
      },
      text(token) {
        return "tokens" in token && token.tokens ? this.parser.parseInline(token.tokens) : escapeHtml(token.text);
      },
      link({ href, title, tokens, raw }) {
        const safe = linkHref(href);
        if (safe === null) return escapeHtml(raw);
        const titled = title ? ` title="${escapeHtml(title)}"` : "";
        return `<a href="${escapeHtml(safe)}"${titled}${attr("a")}>${this.parser.parseInline(tokens)}</a>`;
      },
      image(image) {
        return `!${this.link({ ...image, type: "link" })}`;
      },
    },
  });
  return markdown;
}

const engines = new Map<string, Marked>();
const engineFor = (breaks: boolean, styled: boolean) => {
  const key = `${breaks}/${styled}`;
  if (!engines.has(key)) engines.set(key, engine(breaks, styled));
  return engines.get(key)!;
};

/**
 * The one Markdown engine (marked), for lessons and newsletter issues alike: raw HTML is shown
 * as text, never passed through; links may only be http(s) or mailto; images and tables are off
 * (a mail loads nothing from elsewhere). Typography is `typographicQuotes`, applied to the source
 * before parsing, as for every other text in a mail. `breaks` keeps every line break she typed,
 * as an issue written in a form needs; a lesson's source wraps lines freely.
 */
export function markdownToHtml(source: string, { styled = true, breaks = false } = {}): string {
  return engineFor(breaks, styled).parse(typographicQuotes(source), { async: false });
}

/** An issue's text as HTML: as `markdownToHtml`, with each line break she typed kept (mail, preview and archive alike). */
export function issueBodyHtml(source: string, { styled = true } = {}): string {
  return markdownToHtml(source, { styled, breaks: true });
}

// Only to find what the engines would not pass: images and raw HTML, outside code.
const finder = new Marked({ gfm: true });

/**
 * What in the author's text no mail would show as she meant it: an image (a mail loads nothing
 * from elsewhere) or raw HTML (shown as text). Code, where `<b>` is meant as text, does not count.
 */
export function unsupportedMarkup(source: string): { images: string[]; html: string[] } {
  const found = { images: [] as string[], html: [] as string[] };
  finder.walkTokens(finder.lexer(source), (token) => {
    if (token.type === "image") found.images.push((token as Tokens.Image).href);
    if (token.type === "html") found.html.push((token as Tokens.HTML).text.trim());
  });
  return found;
}

/** An issue's Markdown as marked's tokens, read as `issueBodyHtml` reads it (markdown-text.ts writes its text). */
export function issueTokens(source: string): Token[] {
  return engineFor(true, false).lexer(typographicQuotes(source));
}
