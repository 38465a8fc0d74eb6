import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { readCourse } from "./scripts/read-course.ts";
import { loadResendSpec } from "./test/resend-openapi.ts";
import { unsetSettings } from "./test/unset-settings.ts";

const resendSpec = loadResendSpec();

/**
 * The Worker under test carries a small fixture course (test/fixtures/course), not the
 * author's lessons, so a valid edit to content/ never breaks or slows the suite;
 * test/content.test.ts checks the real course on its own.
 */
function fixtureCourse(): string {
  const { course, errors } = readCourse("test/fixtures/course");
  if (!course) throw new Error(`the fixture course is broken: ${errors.map((error) => error.message).join("; ")}`);
  mkdirSync(".generated", { recursive: true });
  writeFileSync(".generated/fixture-course.json", JSON.stringify(course));
  return resolve(".generated/fixture-course.json");
}

export default defineConfig(async () => ({
  plugins: [
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
  resolve: { alias: [{ find: /^.*\/\.generated\/course\.json$/, replacement: fixtureCourse() }] },
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/browser/**", "node_modules/**"],
    setupFiles: ["./test/setup.ts"],
    provide: { resendSpec },
  },
}));
