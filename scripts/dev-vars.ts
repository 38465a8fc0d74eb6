/** What `npm run dev` needs in .dev.vars; a value is only ever added, never changed. */
const NEEDED: { name: string; value: (randomSecret: () => string) => string }[] = [
  { name: "TOKEN_SECRET", value: (randomSecret) => randomSecret() },
  { name: "SESSION_SECRET", value: (randomSecret) => randomSecret() },
  // The local outbox is asked for by name, so a production Worker without a key never serves it.
  { name: "MAIL_TRANSPORT", value: () => "outbox" },
  // Without one the author cannot log in to /beheer on her own machine.
  { name: "ADMIN_PASSWORD", value: (randomSecret) => randomSecret() },
];

/**
 * The .dev.vars text with every needed setting it lacks appended (a new file when `existing`
 * is null), and the names that were added. An empty `NAME=` line counts as lacking and is filled in.
 */
export function completeDevVars(
  existing: string | null,
  randomSecret: () => string,
): { text: string; added: string[] } {
  let text = existing ?? "";
  const added: string[] = [];
  for (const { name, value } of NEEDED) {
    if (devVar(text, name) !== null) continue;
    const empty = new RegExp(`^[ \\t]*${name}[ \\t]*=[ \\t]*$`, "m");
    if (empty.test(text)) text = text.replace(empty, `${name}=${value(randomSecret)}`);
    else {
      if (text && !text.endsWith("\n")) text += "\n";
      text += `${name}=${value(randomSecret)}\n`;
    }
    added.push(name);
  }
  return { text, added };
}

/** The value of `name` in a .dev.vars text (the last one wins, as in wrangler), or null. */
function devVar(text: string, name: string): string | null {
  const values = [...text.matchAll(new RegExp(`^\\s*${name}\\s*=(.*)$`, "gm"))].map((match) => match[1]!.trim());
  const last = values.at(-1);
  return last ? last.replace(/^(["'])(.*)\1$/, "$2") : null;
}

/**
 * What `npm run dev` prints once the server answers: where the author logs in and, when the
 * password was just made for her, the password itself (it is only ever printed that once).
 * A password passed as `--var ADMIN_PASSWORD:…` wins over .dev.vars, as it does in wrangler.
 */
export function loginNote(options: { url: string; devVars: string; args: string[]; madePassword: boolean }): string {
  const login = `${options.url}/beheer/inloggen`;
  const passed = options.args.some((arg, i) => options.args[i - 1] === "--var" && arg.startsWith("ADMIN_PASSWORD:"));
  if (passed) return `dev: inloggen op ${login} met het ADMIN_PASSWORD dat je met --var meegaf`;
  const password = devVar(options.devVars, "ADMIN_PASSWORD");
  if (options.madePassword && password)
    return `dev: inloggen op ${login} met het wachtwoord ${password} (het staat als ADMIN_PASSWORD in .dev.vars)`;
  return `dev: inloggen op ${login} met het wachtwoord ADMIN_PASSWORD uit .dev.vars`;
}
