import type { Context } from "hono";
import { html, raw } from "hono/html";

/** The author's pages, in the order the navigation shows them. */
const authorPages = [
  { path: "/beheer", label: "Overzicht" },
  { path: "/beheer/nieuwsbrief", label: "Nieuwsbrief" },
  { path: "/beheer/lessen", label: "Lessen" },
  { path: "/beheer/lezers", label: "Lezers" },
  { path: "/beheer/import-export", label: "Importeren en exporteren" },
  { path: "/beheer/status", label: "Status" },
] as const;

/** One of the author's pages, by its path. */
export type AuthorPath = (typeof authorPages)[number]["path"];

const css = `
.author-nav{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1rem;margin:0 0 1.5rem;padding:0 0 .75rem;border-bottom:1px solid var(--line);font:.95rem system-ui,sans-serif}
.author-nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
.author-nav a{display:inline-block;min-height:44px;padding:.65rem 0;color:var(--accent)}
.author-nav a[aria-current=page]{color:var(--fg);font-weight:600;text-decoration:none}
.author-nav .session{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 0 auto}
.author-nav form{margin:0}
.author-nav button{min-height:44px;padding:.5rem .9rem;font-size:.9rem}
`;

/**
 * The navigation every author page starts with, the current page marked, and the logout
 * button; its own stylesheet under the page's CSP nonce.
 */
export function authorNav(c: Context, current: AuthorPath) {
  const nonce = c.get("secureHeadersNonce") as string | undefined;
  return html`<style nonce="${nonce ?? ""}">${raw(css)}</style>
    <nav class="author-nav" aria-label="Beheer">
      <ul>
        ${authorPages.map(
          ({ path, label }) =>
            html`<li><a href="${path}"${path === current ? raw(' aria-current="page"') : ""}>${label}</a></li>`,
        )}
      </ul>
      <div class="session">
        <form method="post" action="/beheer/uitloggen"><button type="submit" class="quiet">Uitloggen</button></form>
        <form method="post" action="/beheer/overal-uitloggen"><button type="submit" class="quiet">Overal uitloggen</button></form>
      </div>
    </nav>`;
}
