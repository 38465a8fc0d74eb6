import { Hono } from "hono/tiny";

/**
 * The site's icon: a calm dot in the accent colour on the page's cream, drawn as SVG so it
 * is sharp at every size. Served from the Worker itself, so the strict CSP (`img-src 'self'`)
 * lets it in and no page loads anything from elsewhere.
 */
const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#faf7f2"/><circle cx="16" cy="16" r="9" fill="none" stroke="#7a4e2d" stroke-width="3"/><circle cx="16" cy="16" r="3" fill="#7a4e2d"/></svg>`;

export const faviconRoutes = new Hono<{ Bindings: Env }>();

const serveIcon = () =>
  new Response(FAVICON_SVG, {
    headers: { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=604800" },
  });

faviconRoutes.get("/favicon.svg", serveIcon);
// Browsers and feed readers ask for /favicon.ico unprompted; they all read an SVG answer.
faviconRoutes.get("/favicon.ico", serveIcon);
