/** Largest form body we read; anything bigger is refused unread. */
const MAX_FORM_BYTES = 64 * 1024;

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
    const form = await request.formData();
    const fields: Record<string, string> = {};
    for (const [name, value] of form) {
      if (typeof value === "string" && !(name in fields)) fields[name] = value.slice(0, 10_000);
    }
    return fields;
  } catch {
    return null;
  }
}
