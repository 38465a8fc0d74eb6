import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { loadResendSpec } from "./test/resend-openapi.ts";

const resendSpec = loadResendSpec();

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations("migrations"),
          TOKEN_SECRET: "test-secret-that-is-long-enough-0123456789",
          PUBLIC_URL: "https://rustenrichting.test",
          ADMIN_PASSWORD: "test-admin-password-long-enough",
          RESEND_WEBHOOK_SECRET: `whsec_${Buffer.from("test-webhook-signing-secret-0123456789").toString("base64")}`,
        },
        queueConsumers: { "lesson-deliveries": { maxBatchTimeout: 0.05 } },
      },
    }),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/browser/**", "node_modules/**"],
    setupFiles: ["./test/setup.ts"],
    provide: { resendSpec },
  },
}));
