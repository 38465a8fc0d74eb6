import { readFileSync, writeFileSync } from "node:fs";

/**
 * `npm run lock:platforms`, after `npm install` changed the lock file. The registry these
 * machines reach serves only the Linux builds of some packages' platform binaries (workerd,
 * Biome), so npm leaves the others out of the lock file and `npm ci` then refuses it. This
 * records each missing build with the os, cpu and libc its name says; npm skips such an entry
 * wherever it does not fit, and fetches it (without an integrity hash) where it does.
 */
type Entry = { version?: string; optionalDependencies?: Record<string, string>; dev?: boolean; license?: string };
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, Entry> };

const oses: Record<string, string> = {
  darwin: "darwin",
  linux: "linux",
  windows: "win32",
  win32: "win32",
  android: "android",
};
const cpus: Record<string, string> = { "64": "x64", x64: "x64", arm64: "arm64" };

function platformOf(name: string) {
  const match = /-(darwin|linux|windows|win32|android)-(64|x64|arm64)(-musl)?$/.exec(name);
  if (!match) return null;
  return { os: [oses[match[1]!]!], cpu: [cpus[match[2]!]!], ...(match[3] ? { libc: ["musl"] } : {}) };
}

const added: string[] = [];
for (const entry of Object.values(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const path = `node_modules/${name}`;
    const platform = platformOf(name);
    if (lock.packages[path] || !platform) continue;
    // npm writes an entry's fields in this order; the same order keeps npm install from rewriting them.
    const { os, cpu, libc } = platform as { os: string[]; cpu: string[]; libc?: string[] };
    lock.packages[path] = {
      version,
      cpu,
      dev: entry.dev,
      ...(libc ? { libc } : {}),
      license: entry.license,
      optional: true,
      os,
    } as Entry;
    added.push(`${name}@${version}`);
  }
}
const sorted = Object.keys(lock.packages).sort((a, b) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b)));
lock.packages = Object.fromEntries(sorted.map((path) => [path, lock.packages[path]!]));
writeFileSync("package-lock.json", `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `lock: recorded ${added.join(", ")}` : "lock: every platform build is recorded");
