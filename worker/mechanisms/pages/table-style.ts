import type { Context } from "hono";
import { html, raw } from "hono/html";

const css = `
table{width:100%;border-collapse:collapse;margin:0 0 1.5rem;font:.9rem/1.4 system-ui,sans-serif}
caption{text-align:left;color:var(--muted);padding:0 0 .4rem}
th,td{text-align:left;vertical-align:top;padding:.45rem .4rem;border-bottom:1px solid var(--line)}
td{overflow-wrap:anywhere}
input[type=file]{display:block;margin:0 0 1rem;font:inherit}
dl{font-family:system-ui,sans-serif;font-size:.95rem}dt{color:var(--muted)}dd{margin:0 0 .6rem}
fieldset{border:1px solid var(--line);border-radius:.5rem;margin:0 0 1rem;padding:.75rem 1rem}
legend{font-family:system-ui,sans-serif;font-size:.95rem;padding:0 .3rem}
.check input{margin-top:.35rem;min-width:24px;min-height:24px}
.actions{display:flex;flex-wrap:wrap;gap:.6rem;margin:1rem 0}
`;

/** The tables, lists and choices of the author's tool pages, under the page's CSP nonce. */
export function tableStyle(c: Context) {
  const nonce = c.get("secureHeadersNonce") as string | undefined;
  return html`<style nonce="${nonce ?? ""}">${raw(css)}</style>`;
}
