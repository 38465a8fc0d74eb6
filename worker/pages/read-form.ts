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
  const type = request.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) return null;
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_FORM_BYTES) return null;
  try {
    const bytes = await readLimited(request.body, MAX_FORM_BYTES);
    if (!bytes) return null;
    const form = await new Response(bytes, { headers: { "content-type": type } }).formData();
    const fields: Record<string, string> = {};
    for (const [name, value] of form) {
      if (typeof value === "string" && !(name in fields)) fields[name] = value.slice(0, 10_000);
    }
    return fields;
  } catch {
    return null;
  }
}
