import { postForm } from "./helpers.ts";

/** The author's session cookie, logged in from an address of its own (so the login limit never bites). */
export async function authorCookie(): Promise<string> {
  const response = await postForm("/beheer/inloggen", { wachtwoord: "test-admin-password-long-enough" });
  if (response.status !== 303) throw new Error(`login failed: ${response.status}`);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}
