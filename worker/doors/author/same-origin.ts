import type { MiddlewareHandler } from "hono";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";

const honoCsrf = csrf();

/**
 * Refuses a form posted to an author page from another site (Hono's CSRF check: the
 * browser's Origin or Sec-Fetch-Site must say it came from this origin), with a page
 * that tells the author what to do instead of a bare "Forbidden".
 */
export const sameOriginOnly: MiddlewareHandler = async (c, next) => {
  let passed = false;
  try {
    await honoCsrf(c, async () => {
      passed = true;
    });
  } catch (error) {
    throw new HTTPException(403, {
      message: "Dit formulier kwam niet van je eigen beheerpagina. Open /beheer opnieuw en probeer het daar nog eens.",
      cause: error,
    });
  }
  if (passed) await next();
};
