import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { packTemplates } from "../worker/mechanisms/mail/packed-templates.ts";

/**
 * Renders every mail template (scripts/mail-templates.ts) with React, for the course in
 * `courseFile`, into `outFile` (packed, see `packTemplates`): the Worker only fills them in and
 * carries no React.
 * The React Email components are TSX, which Node cannot load itself, so esbuild bundles our
 * own code (packages stay outside) with the course (whole and the Worker's) pointed at `courseFile`.
 */
export async function buildMailTemplates(courseFile: string, outFile: string): Promise<number> {
  const bundle = resolve(`${outFile}.build.mjs`);
  await build({
    entryPoints: ["scripts/mail-templates.ts"],
    outfile: bundle,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "error",
    plugins: [
      {
        name: "course",
        setup(builder) {
          builder.onResolve({ filter: /\.generated\/(worker-)?course\.json$/ }, () => ({ path: resolve(courseFile) }));
          // The templates being built are never read while building them (and on a fresh checkout do not exist yet).
          builder.onResolve({ filter: /\.generated\/mail-templates\.json$/ }, () => ({
            path: "mail-templates",
            namespace: "none-yet",
          }));
          builder.onLoad({ filter: /.*/, namespace: "none-yet" }, () => ({ contents: '""', loader: "json" }));
        },
      },
    ],
  });
  try {
    const { renderTemplates } = (await import(
      `${pathToFileURL(bundle).href}?${Date.now()}`
    )) as typeof import("./mail-templates.ts");
    const templates = await renderTemplates();
    mkdirSync(resolve(outFile, ".."), { recursive: true });
    writeFileSync(outFile, JSON.stringify(packTemplates(templates)));
    return Object.keys(templates).length;
  } finally {
    rmSync(bundle, { force: true });
  }
}
