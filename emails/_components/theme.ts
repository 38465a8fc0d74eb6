/** The mails' colours: `light` is written inline; `dark` replaces it where the mail app honours dark mode. */
export const palette = {
  light: {
    page: "#f6f1ea",
    card: "#ffffff",
    text: "#2b2622",
    muted: "#5f564d",
    accent: "#7a4e2d",
    accentText: "#ffffff",
    line: "#e4ddd3",
    soft: "#f3ece3",
  },
  dark: {
    page: "#1d1a17",
    card: "#27231f",
    text: "#efe9e2",
    muted: "#bdb3a8",
    accent: "#e6bf97",
    accentText: "#1d1a17",
    line: "#3d3731",
    soft: "#332d28",
  },
};

/** The colours written inline: the light palette. */
export const colors = palette.light;

/** System fonts only: nothing is loaded from elsewhere. */
export const fonts = {
  serif: "Georgia, 'Times New Roman', serif",
  sans: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
};

/** Class names the dark-mode stylesheet hooks into; inline styles alone cannot change with the colour scheme. */
export const tone = {
  page: "rr-page",
  card: "rr-card",
  text: "rr-text",
  muted: "rr-muted",
  link: "rr-link",
  button: "rr-button",
  soft: "rr-soft",
  line: "rr-line",
};

const dark = palette.dark;

/**
 * The dark palette for mail apps that support `prefers-color-scheme` (Apple
 * Mail, Outlook for Mac, Thunderbird). `!important` is what lets a stylesheet
 * beat inline styles; apps that invert colours themselves (Gmail) get light
 * colours with enough contrast to invert cleanly.
 */
export const darkModeCss = `
:root{color-scheme:light dark}
@media (prefers-color-scheme:dark){
.${tone.page},.${tone.page}>table>tbody>tr>td{background-color:${dark.page}!important}
.${tone.card}{background-color:${dark.card}!important}
.${tone.soft}{background-color:${dark.soft}!important}
.${tone.text},.${tone.text} p,.${tone.text} li,.${tone.text} h2,.${tone.text} h3,.${tone.text} blockquote,.${tone.text} strong,.${tone.text} em{color:${dark.text}!important}
.${tone.muted}{color:${dark.muted}!important}
.${tone.link},.${tone.text} a{color:${dark.accent}!important}
.${tone.button}{background-color:${dark.accent}!important;color:${dark.accentText}!important}
.${tone.line}{border-color:${dark.line}!important}
}`;

/** Body text: 17px on a 1.65 line, for reading on a phone without zooming. */
export const text = {
  fontFamily: fonts.serif,
  fontSize: "17px",
  lineHeight: "1.65",
  color: colors.text,
  margin: "0 0 16px",
};

/** Secondary lines (where a lesson comes from, the footer): smaller and quieter, still easy to read. */
export const small = { ...text, fontFamily: fonts.sans, fontSize: "15px", lineHeight: "1.6", color: colors.muted };

/** The title (h1) and section headings (h2): calm serif, no bold. */
export const heading = {
  h1: {
    fontFamily: fonts.serif,
    fontSize: "26px",
    lineHeight: "1.3",
    fontWeight: "normal",
    color: colors.text,
    margin: "0 0 24px",
  },
  h2: {
    fontFamily: fonts.serif,
    fontSize: "21px",
    lineHeight: "1.35",
    fontWeight: "normal",
    color: colors.text,
    margin: "32px 0 12px",
  },
};
