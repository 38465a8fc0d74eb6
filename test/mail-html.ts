/** What the mail tests look at in a mail's HTML, collected with workerd's own HTML parser. */
export type MailShape = {
  lang: string | null;
  headings: { tag: string; text: string }[];
  images: string[];
  links: { href: string; className: string; style: string; text: string }[];
  /** Style attributes of the lesson's own paragraphs and list items. */
  bodyText: string[];
  /** Every style attribute in the mail. */
  styles: string[];
  css: string;
  metas: Record<string, string>;
};

const entities: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#x27;": "'",
  "&#39;": "'",
};

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#x27|#39);/g, (entity) => entities[entity]!);
}

/** The parts of a mail's HTML the tests check: language, headings, links, images, styles. */
export async function inspectMail(html: string): Promise<MailShape> {
  const shape: MailShape = {
    lang: null,
    headings: [],
    images: [],
    links: [],
    bodyText: [],
    styles: [],
    css: "",
    metas: {},
  };
  let rewriter = new HTMLRewriter()
    .on("html", {
      element: (element) => {
        shape.lang = element.getAttribute("lang");
      },
    })
    .on("meta[name]", {
      element: (element) => {
        shape.metas[element.getAttribute("name")!] = element.getAttribute("content") ?? "";
      },
    })
    .on("img", { element: (element) => void shape.images.push(element.getAttribute("src") ?? "") })
    .on("[style]", { element: (element) => void shape.styles.push(element.getAttribute("style")!) })
    .on(".rr-text p", { element: (element) => void shape.bodyText.push(element.getAttribute("style") ?? "") })
    .on(".rr-text li", { element: (element) => void shape.bodyText.push(element.getAttribute("style") ?? "") })
    .on("style", {
      text: (chunk) => {
        shape.css += chunk.text;
      },
    })
    .on("a", {
      element: (element) =>
        void shape.links.push({
          href: decode(element.getAttribute("href") ?? ""),
          className: element.getAttribute("class") ?? "",
          style: element.getAttribute("style") ?? "",
          text: "",
        }),
      text: (chunk) => {
        shape.links.at(-1)!.text += chunk.text;
      },
    });
  for (const tag of ["h1", "h2", "h3", "h4"]) {
    rewriter = rewriter.on(tag, {
      element: () => void shape.headings.push({ tag, text: "" }),
      text: (chunk) => {
        shape.headings.at(-1)!.text += chunk.text;
      },
    });
  }
  await rewriter.transform(new Response(html)).text();
  for (const heading of shape.headings) heading.text = decode(heading.text).trim();
  for (const link of shape.links) link.text = decode(link.text).trim();
  return shape;
}

/** The value of one property in a style attribute, in px (`1.65` line heights are multiplied by the font size). */
export function px(style: string, property: string): number | null {
  const declarations = new Map(
    style.split(";").map((part) => [part.slice(0, part.indexOf(":")).trim(), part.slice(part.indexOf(":") + 1).trim()]),
  );
  const value = declarations.get(property);
  if (value === undefined) return null;
  if (value.endsWith("px")) return Number.parseFloat(value);
  const fontSize = px(style, "font-size");
  return fontSize !== null && /^[\d.]+$/.test(value) ? Number.parseFloat(value) * fontSize : null;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2 contrast ratio of two #rrggbb colours, from 1 to 21. */
export function contrast(foreground: string, background: string): number {
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
  return (light! + 0.05) / (dark! + 0.05);
}
