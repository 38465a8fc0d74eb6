/** The port `wrangler dev` listens on unless told otherwise. */
export const DEFAULT_PORT = 8787;

/** The port asked for with `--port 8795` or `--port=8795`, or null. */
export function askedPort(args: string[]): number | null {
  let port: number | null = null;
  for (const [i, arg] of args.entries()) {
    const value = arg.startsWith("--port=") ? arg.slice("--port=".length) : arg === "--port" ? args[i + 1] : undefined;
    if (value && /^\d+$/.test(value)) port = Number(value);
  }
  return port;
}

/**
 * The arguments with the port made explicit: the one asked for, else 8787 when it is free, else
 * one the system hands out. Left to itself wrangler would move to another port when 8787 is taken,
 * and the mail links and the login line would point at the wrong server.
 */
export async function withPort(
  args: string[],
  isFree: (port: number) => Promise<boolean>,
  freePort: () => Promise<number>,
): Promise<{ args: string[]; port: number }> {
  const asked = askedPort(args);
  if (asked !== null) return { args, port: asked };
  const port = (await isFree(DEFAULT_PORT)) ? DEFAULT_PORT : await freePort();
  return { args: [...args, "--port", String(port)], port };
}

/**
 * The arguments for `wrangler dev` with PUBLIC_URL set to the port it will listen on, so the
 * links in every mail point at this server (`npm run dev -- --port 8795`). A PUBLIC_URL the
 * developer passes herself (`--var PUBLIC_URL:…`) is left as it is.
 */
export function withPublicUrl(args: string[]): string[] {
  if (args.some((arg, i) => args[i - 1] === "--var" && arg.startsWith("PUBLIC_URL:"))) return args;
  const port = askedPort(args) ?? DEFAULT_PORT;
  return [...args, "--var", `PUBLIC_URL:http://localhost:${port}`];
}
