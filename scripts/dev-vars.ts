/** What `npm run dev` needs in .dev.vars; a value is only ever added, never changed. */
const NEEDED: { name: string; value: (randomSecret: () => string) => string }[] = [
  { name: "TOKEN_SECRET", value: (randomSecret) => randomSecret() },
  { name: "SESSION_SECRET", value: (randomSecret) => randomSecret() },
  // The local outbox is asked for by name, so a production Worker without a key never serves it.
  { name: "MAIL_TRANSPORT", value: () => "outbox" },
];

/**
 * The .dev.vars text with every needed setting it lacks appended (a new file when `existing`
 * is null), and the names that were added.
 */
export function completeDevVars(
  existing: string | null,
  randomSecret: () => string,
): { text: string; added: string[] } {
  let text = existing ?? "";
  const added: string[] = [];
  for (const { name, value } of NEEDED) {
    if (new RegExp(`^\\s*${name}\\s*=`, "m").test(text)) continue;
    if (text && !text.endsWith("\n")) text += "\n";
    text += `${name}=${value(randomSecret)}\n`;
    added.push(name);
  }
  return { text, added };
}
