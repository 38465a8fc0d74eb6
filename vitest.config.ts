import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { buildMailTemplates } from "./scripts/build-mail-templates.ts";
import { readCourse } from "./scripts/read-course.ts";
import { loadResendSpec } from "./test/resend-openapi.ts";
import { unsetSettings } from "./test/unset-settings.ts";

const resendSpec = loadResendSpec();

/**
 * The Worker under test carries a small fixture course (test/fixtures/course), not the
 * author's lessons, so a valid edit to content/ never breaks or slows the suite;
 * test/content.test.ts checks the real course on its own. Its mail templates are rendered
 * from the fixture course as `npm run content:build` renders the real ones.
 */
async function fixtureCourse(): Promise<{ course: string; templates: string }> {
  const { course, errors } = readCourse("test/fixtures/course");
  if (!course) throw new Error(`the fixture course is broken: ${errors.map((error) => error.message).join("; ")}`);
  mkdirSync(".generated", { recursive: true });
  writeFileSync(".generated/fixture-course.json", JSON.stringify(course));
  await buildMailTemplates(".generated/fixture-course.json", ".generated/fixture-mail-templates.json");
  return {
    course: resolve(".generated/fixture-course.json"),
    templates: resolve(".generated/fixture-mail-templates.json"),
  };
}

/**
 * The Worker under test imports the course through test/deployable-course.ts: the same lookups,
 * plus a way to deploy changed content mid-test that production code does not carry.
 */
const deployableCourse: Plugin = {
  name: "deployable-course",
  enforce: "pre",
  async resolveId(source, importer) {
    if (!source.endsWith("course.ts") || importer?.endsWith("deployable-course.ts")) return null;
    const resolved = await this.resolve(source, importer, { skipSelf: true });
    return resolved?.id === resolve("worker/domain/course/course.ts") ? resolve("test/deployable-course.ts") : null;
  },
};

/** The slowest files, longest first (`npm run fuzz` runs the fault and fuzz files at length). */
const slowest = [
  "test/send-faults.test.ts",
  "test/send-kinds.test.ts",
  "test/fuzz.test.ts",
  "test/reader-time.test.ts",
  "test/link-scanner.test.ts",
];

/**
 * Starts the slowest files first, so no worker is left running one of them alone at the end: a
 * fresh clone has no timings cached, and vitest would otherwise start the largest files first.
 */
class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = slowest.findIndex((path) => file.moduleId.endsWith(`/${path}`));
      return at < 0 ? slowest.length : at;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig(async () => ({
  plugins: [
    deployableCourse,
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          ...unsetSettings(),
          TEST_MIGRATIONS: await readD1Migrations("migrations"),
          TOKEN_SECRET: "test-secret-that-is-long-enough-0123456789",
          SESSION_SECRET: "test-session-secret-long-enough-0123456789",
          PUBLIC_URL: "https://rustenrichting.test",
          MAIL_TRANSPORT: "outbox",
          ADMIN_PASSWORD: "test-admin-password-long-enough",
          RESEND_WEBHOOK_SECRET: `whsec_${Buffer.from("test-webhook-signing-secret-0123456789").toString("base64")}`,
        },
        d1Databases: ["MIGRATION_DB"],
        queueConsumers: { "lesson-deliveries": { maxBatchTimeout: 0.05 } },
      },
    }),
  ],
  resolve: {
    alias: await fixtureCourse().then((fixture) => [
      { find: /^.*\/\.generated\/(worker-)?course\.json$/, replacement: fixture.course },
      { find: /^.*\/\.generated\/mail-templates\.json$/, replacement: fixture.templates },
    ]),
  },
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/browser/**", "node_modules/**"],
    setupFiles: ["./test/setup.ts"],
    // One workerd per vitest worker for all its files: starting one per file (and loading vitest
    // and the Worker into it again) cost ~4 s a file. Each file still gets an empty database and
    // waits for its background work to end (test/setup.ts, test/fresh-database.ts).
    isolate: false,
    // Tests mostly wait (for the queue, for D1), so two files at once even on two cores; vitest's
    // default there is one.
    maxWorkers: Math.max(2, availableParallelism()),
    sequence: { sequencer: SlowestFirst },
    // A busy machine (CI running beside other work) can make the heaviest tests take several
    // times as long as on a quiet one.
    testTimeout: 30_000,
    provide: { resendSpec },
  },
}));
