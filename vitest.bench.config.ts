import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { workerThread } from "./scripts/bench-core.ts";
import { loadResendSpec } from "./test/resend-openapi.ts";
import { unsetSettings } from "./test/unset-settings.ts";

const benchSizes = (process.env.BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);

/**
 * `npm run bench` (scripts/bench.ts) starts a loopback fake Resend and runs
 * test/bench inside workerd with the Worker's real Resend transport pointed at it.
 */
export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        // test/bench/measure.ts asks it, before and after each invocation, how long the Worker's thread ran and waited for a core.
        serviceBindings: { BENCH_CORE: workerThread },
        bindings: {
          ...unsetSettings(),
          TEST_MIGRATIONS: await readD1Migrations("migrations"),
          TOKEN_SECRET: "bench-secret-that-is-long-enough-0123456789",
          SESSION_SECRET: "bench-session-secret-long-enough-0123456789",
          PUBLIC_URL: "https://rustenrichting.test",
          MAIL_TRANSPORT: "resend",
          RESEND_API_KEY: "re_test_key",
          RESEND_BASE_URL: process.env.BENCH_RESEND_URL ?? "http://127.0.0.1:9",
          RESEND_MAX_RPS: process.env.RESEND_MAX_RPS ?? "5",
        },
      },
    }),
  ],
  test: {
    include: ["test/bench/**/*.bench.ts"],
    setupFiles: ["./test/bench/setup.ts"],
    provide: {
      resendSpec: loadResendSpec(),
      benchSizes,
      // BENCH_PACING=off sends without the pacer, as before it: the fake Resend's 429s show what it saves.
      benchPacing: process.env.BENCH_PACING !== "off",
      benchConsumers: Number(process.env.BENCH_CONSUMERS ?? 4),
      // BENCH_STORAGE_READERS=0 leaves out the two simulated years of test/bench/storage-year.bench.ts.
      benchStorageReaders: Number(process.env.BENCH_STORAGE_READERS ?? 10_000),
      benchStorageWeeks: Number(process.env.BENCH_STORAGE_WEEKS ?? 104),
      // Resend's rate decides only how fast mails leave: measured once, with this many readers.
      benchRateReaders: Number(process.env.BENCH_RATE_READERS ?? 10_000),
      // Readers due at one instant, claimed only (no sending), e.g. BENCH_CLAIM_READERS=1000000; 0 (the default)
      // leaves it out, and the claim time of a million is projected from the largest size's, claiming being linear.
      benchClaimReaders: Number(process.env.BENCH_CLAIM_READERS ?? 0),
      // Readers all due at once in the Free-plan and Paid-plan profiles of test/bench/invocations.bench.ts.
      benchPlanReaders: Number(process.env.BENCH_PLAN_READERS ?? 5_000),
      // Readers due for a lesson that opens with a line for last week's answer (test/bench/after-lines.bench.ts), and
      // how many times the runs with and without such lines alternate: CPU on a busy machine wants a median.
      benchAfterReaders: Number(process.env.BENCH_AFTER_READERS ?? 4_000),
      benchAfterRounds: Number(process.env.BENCH_AFTER_ROUNDS ?? 5),
    },
    // One bench file at a time: the storage years would otherwise take CPU from the send run's clocks.
    fileParallelism: false,
    // A million readers take most of an hour (they are sent at Resend's rate): 5 ms more per reader of the largest size.
    testTimeout: 900_000 + 5 * Math.max(...benchSizes),
  },
}));
