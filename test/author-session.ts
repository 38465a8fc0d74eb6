import { postForm } from "./helpers.ts";

/** Logs the author in from a client IP of her own (the login limit counts per IP) and returns her session cookie. */
export async function authorSession(): Promise<string> {
  const [a, b] = crypto.getRandomValues(new Uint16Array(2));
  const response = await postForm(
    "/beheer/inloggen",
    { wachtwoord: "test-admin-password-long-enough" },
    { "cf-connecting-ip": `2001:db8:a:${a!.toString(16)}:${b!.toString(16)}::1` },
  );
  if (response.status !== 303) throw new Error(`login failed: ${response.status}`);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}
