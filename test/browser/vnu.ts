import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/** The Nu HTML Checker's jar, from the npm package `vnu-jar` (run with this machine's `java`). */
const VNU_JAR = createRequire(import.meta.url).resolve("vnu-jar/build/dist/vnu.jar");

export type HtmlProblem = { page: string; line?: number; message: string; extract?: string };

/**
 * Checks each page's HTML with the Nu HTML Checker in one Java run (starting Java is most of
 * the cost) and returns its errors, by the name each page was given.
 */
export async function validateHtml(pages: Map<string, string>): Promise<HtmlProblem[]> {
  const dir = mkdtempSync(join(tmpdir(), "vnu-"));
  try {
    const names = [...pages.keys()];
    const files = names.map((_, index) => join(dir, `page-${index}.html`));
    for (const [index, name] of names.entries()) writeFileSync(files[index]!, pages.get(name)!);
    const { stderr } = await promisify(execFile)(
      "java",
      ["-jar", VNU_JAR, "--errors-only", "--format", "json", ...files],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    ).catch((error: { stderr?: string }) => ({ stderr: error.stderr ?? String(error) }));
    const report = JSON.parse(stderr) as {
      messages: { url: string; lastLine?: number; message: string; extract?: string }[];
    };
    return report.messages.map((message) => ({
      page: names[files.findIndex((file) => message.url.endsWith(file))] ?? message.url,
      ...(message.lastLine ? { line: message.lastLine } : {}),
      message: message.message,
      ...(message.extract ? { extract: message.extract } : {}),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
