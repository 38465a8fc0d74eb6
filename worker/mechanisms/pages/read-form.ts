import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

/** Largest form body read; anything bigger is refused unread. */
export const MAX_FORM_BYTES = 64 * 1024;

/**
 * Hono's bodyLimit: a body over `maxSize` is refused unread, on its Content-Length or as soon
 * as a streamed one passes the limit. A Content-Length that is no number is refused too (Hono
 * would trust it and read on without a limit). `onTooLarge` answers; without it the door goes
 * on as for a request that sent no readable form (`readForm` gives null), and answers as it
 * always does then.
 */
export function limitBody(
  maxSize: number,
  onTooLarge?: (c: Context) => Response | Promise<Response>,
): MiddlewareHandler {
  return async (c, next) => {
    const withoutBody = async () => {
      const headers = new Headers(c.req.raw.headers);
      headers.delete("content-type");
      headers.delete("content-length");
      c.req.raw = new Request(c.req.url, { method: c.req.method, headers });
      await next();
      return c.res;
    };
    const onError = onTooLarge ?? withoutBody;
    const declared = c.req.header("content-length");
    if (declared !== undefined && !/^\s*\d+\s*$/.test(declared)) return onError(c);
    return bodyLimit({ maxSize, onError })(c, next);
  };
}

/**
 * The fields of an urlencoded or multipart form body, as strings; files and
 * repeated fields are dropped. Returns null for a body that is not a readable form.
 */
export async function readForm(request: Request): Promise<Record<string, string> | null> {
  const form = await readFormData(request);
  if (!form) return null;
  const fields: Record<string, string> = {};
  for (const [name, value] of form) {
    if (typeof value === "string" && !(name in fields)) fields[name] = value.slice(0, 10_000);
  }
  return fields;
}

/**
 * An urlencoded or multipart form body with its files, or null for a body that is not a
 * readable form. How much of it is read is the door's `limitBody`'s business.
 */
export async function readFormData(request: Request): Promise<FormData | null> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) return null;
  try {
    return await request.formData();
  } catch {
    return null;
  }
}
