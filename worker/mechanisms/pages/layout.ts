import type { Context } from "hono";
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";

type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

const styles = `
:root{color-scheme:light dark;--bg:#faf7f2;--fg:#2b2622;--muted:#6b625a;--accent:#7a4e2d;--card:#fff;--line:#e4ddd3;--edge:#938a80;--danger:#a12c2c}
@media (prefers-color-scheme:dark){:root{--bg:#1d1a17;--fg:#efe9e2;--muted:#b5aca2;--accent:#e0b48c;--card:#27231f;--line:#3b352f;--edge:#7d746b;--danger:#ff9b9b}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:18px/1.6 Georgia,"Times New Roman",serif}
main{max-width:34rem;margin:0 auto;padding:2.5rem 1.25rem 4rem}
h1{font-size:1.6rem;line-height:1.3;margin:0 0 1rem;font-weight:normal}
h2{font-size:1.3rem;line-height:1.3;font-weight:normal;margin:2rem 0 .75rem}
p{margin:0 0 1rem}
.muted{color:var(--muted);font-size:.95rem}
a,a:visited{color:var(--accent);text-decoration-thickness:1px;text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
form{margin:1.5rem 0}
label{display:block;margin:0 0 .35rem;font-family:system-ui,sans-serif;font-size:.95rem}
input[type=email],input[type=text],input[type=password],input[type=datetime-local],textarea,select{width:100%;font:inherit;padding:.7rem .8rem;border:1px solid var(--edge);border-radius:.5rem;background:var(--card);color:var(--fg);margin:0 0 1rem}
textarea{min-height:7rem}
button,.button{display:inline-block;min-height:44px;font:600 1rem system-ui,sans-serif;padding:.75rem 1.25rem;border-radius:.5rem;border:0;background:var(--accent);color:var(--bg);cursor:pointer;text-decoration:none}
button.quiet{background:transparent;color:var(--accent);border:1px solid var(--edge)}
button.danger{background:transparent;color:var(--danger);border:2px solid var(--danger)}
.choices{display:grid;gap:.6rem;margin:1rem 0}
.choices button{width:100%;text-align:left}
.choices button[aria-pressed=true]{outline:3px solid var(--fg)}
.choices form{margin:0}
.reply,.note{margin:0 0 1.25rem;padding:.25rem 0 .25rem 1rem;border-left:3px solid var(--accent)}
.note{border-left-color:var(--line);white-space:pre-wrap}
.reply p,.note p{margin:0}
.care{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:1rem 1.25rem;margin:0 0 1.5rem}
.care h2{font-size:1.15rem;font-weight:normal;margin:0 0 .5rem}
.care ul,.next{padding-left:1.25rem;margin:0 0 1rem}
.care li,.next li{margin:0 0 .5rem}
.error{color:var(--danger);font-family:system-ui,sans-serif;font-size:.95rem;margin:-.6rem 0 1rem}
.check{display:flex;gap:.5rem;align-items:flex-start}
.suggestion{border-left:3px solid var(--accent);padding:.25rem 0 .25rem 1rem;margin:-.4rem 0 1.25rem}
.suggestion button{margin:0 .5rem .5rem 0}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.reader-data table{border-collapse:collapse;width:100%;margin:0 0 1.5rem;font-size:.95rem}
.reader-data th,.reader-data td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
.reader-data tbody th{width:40%;font-weight:normal;color:var(--muted)}
@media print{:root{--bg:#fff;--fg:#000;--muted:#333;--line:#999}main{max-width:none;padding:0}.no-print{display:none}}
`;

export type PageOptions = {
  title: string;
  body: Markup;
  status?: ContentfulStatusCode;
  /**
   * Submits the page's `form[data-auto]` once it is visible, so one click on a mail's link is
   * enough. A GET alone changes nothing, and a browser that says it is automated or headless is
   * left alone, but a scanner's browser can hide both and run the script. So only for actions
   * where something later undoes what a scanner did; never for one that must be a person's act.
   */
  autoSubmit?: boolean;
  /**
   * What a search engine shows under the title. Only a page that gives one may be indexed: every
   * other page (a token's, a reader's own, the author's) says `noindex`.
   */
  description?: string;
};

/** A stylesheet a page's own code put in its body under the CSP nonce (never text a person typed: that is escaped). */
const OWN_STYLE = /<style nonce="[^"<>]*">[^<]*<\/style>/g;

/**
 * Renders a reader-facing page in the site's calm layout. A page's own stylesheets (the
 * author's navigation, tables, charts, print styles) go into the head, where HTML allows them.
 */
export async function page(c: Context, { title, body, status = 200, autoSubmit = false, description }: PageOptions) {
  const nonce = c.get("secureHeadersNonce") as string | undefined;
  const markup = (await body).toString();
  const ownStyles = markup.match(OWN_STYLE) ?? [];
  const script = autoSubmit
    ? html`<script nonce="${nonce ?? ""}">
        // Holds off in a browser that says it is automated or headless, and while the page is
        // hidden; a scanner that hides all that still submits, which autoSubmit's callers allow for.
        document.addEventListener("DOMContentLoaded", function () {
          var form = document.querySelector("form[data-auto]");
          if (!form || navigator.webdriver || /headless/i.test(navigator.userAgent)) return;
          function send() {
            if (document.visibilityState !== "visible") return;
            document.removeEventListener("visibilitychange", send);
            form.requestSubmit ? form.requestSubmit() : form.submit();
          }
          document.addEventListener("visibilitychange", send);
          send();
        });
      </script>`
    : "";
  return c.html(
    html`<!doctype html>
      <html lang="nl">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          ${description ? html`<meta name="description" content="${description}" />` : html`<meta name="robots" content="noindex" />`}
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <title>${title}</title>
          <style nonce="${nonce ?? ""}">
            ${raw(styles)}
          </style>
          ${raw(ownStyles.join(""))}
        </head>
        <body>
          <main>${raw(markup.replace(OWN_STYLE, ""))}</main>
          ${script}
        </body>
      </html>`,
    status,
  );
}
