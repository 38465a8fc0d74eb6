/** The port `wrangler dev` listens on unless told otherwise. */
export const DEFAULT_PORT = 8787;

/**
 * The arguments for `wrangler dev` with PUBLIC_URL set to the port it will listen on, so the
 * links in every mail point at this server (`npm run dev -- --port 8795`). A PUBLIC_URL the
 * developer passes herself (`--var PUBLIC_URL:…`) is left as it is.
 */
export function withPublicUrl(args: string[]): string[] {
  if (args.some((arg, i) => args[i - 1] === "--var" && arg.startsWith("PUBLIC_URL:"))) return args;
  let port = DEFAULT_PORT;
  for (const [i, arg] of args.entries()) {
    const value = arg.startsWith("--port=") ? arg.slice("--port=".length) : arg === "--port" ? args[i + 1] : undefined;
    if (value && /^\d+$/.test(value)) port = Number(value);
  }
  return [...args, "--var", `PUBLIC_URL:http://localhost:${port}`];
}
