import { toPlainText } from "@react-email/render";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { issueBodyHtml } from "../emails/_components/markdown.ts";
import { markdownToText } from "../emails/_components/markdown-text.ts";
import { textOptions } from "../worker/mechanisms/mail/plain-text.ts";

/** The Markdown's HTML between a paragraph and a heading, as React Email writes a mail's plain text at build time. */
function asReactEmailWrites(markdown: string): string {
  return toPlainText(`<p>Hoi,</p><div>${issueBodyHtml(markdown)}</div><h2>Vraag</h2>`, textOptions);
}

/** The same from the Markdown alone, the way the Worker writes a newsletter issue's text. */
function asTheWorkerWrites(markdown: string): string {
  const { text, leading, trailing } = markdownToText(markdown);
  return `Hoi,${"\n".repeat(Math.max(2, leading))}${text}${"\n".repeat(Math.max(3, trailing))}Vraag`;
}

/** Pieces of Markdown an author types, and the odd things she might. */
const piece = fc.constantFrom(
  "een",
  "twee woorden",
  "**vet**",
  "*schuin*",
  "~~weg~~",
  "`code`",
  "[een link](https://example.test/x?a=1&b=2)",
  "https://example.test",
  "lezer@example.test",
  "[schrijf](mailto:schrijver@example.test)",
  "[](https://example.test/leeg)",
  "[anker](#boven)",
  "[niet](javascript:alert(1))",
  "&curren; &#128; &amp;",
  "<b>geen html</b>",
  "'s avonds \"zo'n\"",
  "\u200b",
  "\u00a0",
  "\u0080",
  " ",
  "\t",
  "\n",
  "\n\n",
  "  \n",
  "\\\n",
  "- ",
  "* ",
  "  - ",
  "    - ",
  "1. ",
  "3) ",
  "10. ",
  "> ",
  "> > ",
  "> - ",
  "- een\n\n- los\n",
  "0. ",
  "1) a\n2) b\n",
  "<https://example.test/hoek>",
  "kop\n===\n",
  "## ",
  "### ",
  "# ",
  "---\n",
  "    ingesprongen code\n",
  "```\nblok\n  code\n```\n",
  "```js\ntaal\n```\n",
);

describe("a newsletter issue's plain text, written from its Markdown without parsing HTML", () => {
  it("reads as React Email writes it from the HTML, for a paragraph, lists, a quote and a heading", () => {
    const markdown =
      "Een **vette** zin met [een link](https://example.test/?a=1&b=2).\n\n## Kop\n\n- een\n- twee\n  1. diep\n\n> Een citaat\n> - met een lijst\n\n---\n\n```\ncode\n```";
    expect(asTheWorkerWrites(markdown)).toBe(asReactEmailWrites(markdown));
    expect(asTheWorkerWrites(markdown)).toContain(" * een\n * twee\n   1. diep");
  });

  it("reads as React Email writes it for any Markdown made of an author's pieces", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }), (pieces) => {
        const markdown = pieces.join("");
        expect(asTheWorkerWrites(markdown)).toBe(asReactEmailWrites(markdown));
      }),
      { numRuns: 400 },
    );
  });

  it("shows an entity she typed letter for letter, in the HTML and the text alike", () => {
    expect(issueBodyHtml("Jan &amp; Piet &eacute; &#233;", { styled: false })).toBe(
      "<p>Jan &amp;amp; Piet &amp;eacute; &amp;#233;</p>\n",
    );
    expect(markdownToText("Jan &amp; Piet &eacute; &#233;").text).toBe("Jan &amp; Piet &eacute; &#233;");
  });

  it("strikes through only between ~~, so a single ~ reads as she typed it", () => {
    expect(issueBodyHtml("~5 of ~10 minuten, ~x~ en ~~weg~~", { styled: false })).toBe(
      "<p>~5 of ~10 minuten, ~x~ en <s>weg</s></p>\n",
    );
  });

  it("stands an empty issue body where a one-line one would stand", () => {
    expect(markdownToText("")).toEqual({ text: "", leading: 1, trailing: 0 });
    expect(asTheWorkerWrites("")).toBe(asReactEmailWrites(""));
  });
});
