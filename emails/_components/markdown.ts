import MarkdownIt from "markdown-it";
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

/**
 * The one Markdown engine, for lessons and newsletter issues alike: raw HTML is shown as text,
 * never passed through; links may only be http(s) or mailto; images and tables are off (a mail
 * loads nothing from elsewhere). Typography is `typographicQuotes`, applied to the source before
 * parsing, as for every other text in a mail: markdown-it's own smart quotes know no Dutch
 * ('s avonds, zo'n), and (c) and -- stay as she typed them. `breaks` keeps every line break
 * she typed, as an issue written in a form needs; a lesson's source wraps lines freely.
 */
function engine(breaks: boolean) {
  const markdown = new MarkdownIt({ html: false, linkify: true, breaks }).disable(["image", "table"]);
  markdown.validateLink = (url) => /^(https?:|mailto:)/i.test(url.trim());
  // The mail's own title is its only h1: # and ## (a lesson's sections) become h2, deeper headings h3.
  markdown.core.ruler.push("mail_styles", (state) => {
    const visit = (tokens: typeof state.tokens) => {
      for (const token of tokens) {
        if (token.type === "heading_open" || token.type === "heading_close")
          token.tag = `h${Math.min(3, Math.max(2, Number(token.tag.slice(1))))}`;
        if (state.env.styled && token.nesting === 1 && styles[token.tag]) token.attrSet("style", styles[token.tag]!);
        if (token.children) visit(token.children);
      }
    };
    visit(state.tokens);
  });
  return markdown;
}

const lessonMarkdown = engine(false);
const issueMarkdown = engine(true);

/**
 * The author's Markdown (a lesson's text or an issue's) as HTML, with nothing she typed able to
 * run or load: with inline styles for a mail, or bare for a page, whose stylesheet does the styling.
 */
export function markdownToHtml(source: string, { styled = true, breaks = false } = {}): string {
  return (breaks ? issueMarkdown : lessonMarkdown).render(typographicQuotes(source), { styled });
}

/** An issue's text as HTML: as `markdownToHtml`, with each line break she typed kept (mail, preview and archive alike). */
export function issueBodyHtml(source: string, { styled = true } = {}): string {
  return markdownToHtml(source, { styled, breaks: true });
}

// Only to find what the engines would not pass: images and raw HTML, outside code.
const finder = new MarkdownIt({ html: true, linkify: false });

/**
 * What in the author's text no mail would show as she meant it: an image (a mail loads nothing
 * from elsewhere) or raw HTML (shown as text). Code, where `<b>` is meant as text, does not count.
 */
export function unsupportedMarkup(source: string): { images: string[]; html: string[] } {
  const found = { images: [] as string[], html: [] as string[] };
  const visit = (tokens: ReturnType<typeof finder.parse>) => {
    for (const token of tokens) {
      if (token.type === "image") found.images.push(String(token.attrGet("src") ?? ""));
      if (token.type === "html_inline" || token.type === "html_block") found.html.push(token.content.trim());
      if (token.children) visit(token.children);
    }
  };
  visit(finder.parse(source, {}));
  return found;
}

/** An issue's Markdown as markdown-it's tokens, read as `issueBodyHtml` reads it (markdown-text.ts writes its text). */
export function issueTokens(source: string): ReturnType<typeof issueMarkdown.parse> {
  return issueMarkdown.parse(typographicQuotes(source), {});
}
