import { readFileSync } from "node:fs";

/**
 * Every setting named in .dev.vars.example, empty (which the Worker reads as unset). The
 * vitest plugin loads the developer's own .dev.vars; these bindings override it, so a local
 * RESEND_API_KEY or Turnstile key never changes what a test sees.
 */
export function unsetSettings(): Record<string, string> {
  const names = readFileSync(".dev.vars.example", "utf8").match(/^[A-Z][A-Z0-9_]*(?==)/gm) ?? [];
  return Object.fromEntries(names.map((name) => [name, ""]));
}
