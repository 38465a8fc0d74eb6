import { defineConfig } from "vitest/config";

/** The browser test runs in Node: it starts `npm run dev` and drives Debian's Chromium through it. */
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    environment: "node",
    // One file at a time: each starts a dev server, and each of those rebuilds .generated/ as it starts.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
