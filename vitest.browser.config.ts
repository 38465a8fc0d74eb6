import { defineConfig } from "vitest/config";

/**
 * The browser tests run in Node: test/browser/global-setup.ts starts `npm run dev` and Debian's
 * Chromium once, and every file drives that Chromium through that server.
 */
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/browser/global-setup.ts"],
    // One file at a time: some fire the cron weeks ahead, which would touch other files' readers.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
