/** Largest form body we read; anything bigger is refused unread. */
const MAX_FORM_BYTES = 64 * 1024;

/**
 * The body's bytes, or null as soon as it runs past `limit`. The declared
 * Content-Length is the client's word: a streamed body has none, and a
 * garbled one reads as no limit at all.
 */
async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array | null> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const bytes = new Uint8Array(limit);
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    if (size + chunk.value.byteLength > limit) {
      await reader.cancel();
      return null;
    }
    bytes.set(chunk.value, size);
    size += chunk.value.byteLength;
  }
  return bytes.subarray(0, size);
}

/**
 * The fields of an urlencoded or multipart form body, as strings; files and
 * repeated fields are dropped. Returns null for a body that is not a readable form.
 */
export async function readForm(request: Request): Promise<Record<string, string> | null> {
  const form = await readFormData(request, MAX_FORM_BYTES);
  if (form === "too-large" || !form) return null;
  const fields: Record<string, string> = {};
  for (const [name, value] of form) {
    if (typeof value === "string" && !(name in fields)) fields[name] = value.slice(0, 10_000);
  }
  return fields;
}

/**
 * An urlencoded or multipart form body with its files, read only up to `limit` bytes:
 * "too-large" past that, null for a body that is not a readable form.
 */
export async function readFormData(request: Request, limit: number): Promise<FormData | "too-large" | null> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) return null;
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > limit) return "too-large";
  try {
    const bytes = await readLimited(request.body, limit);
    if (!bytes) return "too-large";
    return await new Response(bytes, { headers: { "content-type": type } }).formData();
  } catch {
    return null;
  }
}
