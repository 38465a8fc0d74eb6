import { defineConfig } from "vitest/config";

/**
 * Files that fire the cron a week and more ahead: such a run sends the next lesson to every
 * reader on the server and clears every signup left unconfirmed, so they run after the others,
 * one at a time.
 */
const cronAhead = ["test/browser/journey.test.ts", "test/browser/reader-course.test.ts"];

const shared = { environment: "node", testTimeout: 120_000, hookTimeout: 120_000 } as const;

/**
 * The browser tests run in Node: test/browser/global-setup.ts starts `npm run dev` and Debian's
 * Chromium once, and every file drives that Chromium through that server. A file mostly waits
 * (for pages, mails, the link scanners' window of test/browser/scanners.test.ts), so the files
 * that never fire the cron ahead run three at a time.
 */
export default defineConfig({
  test: {
    globalSetup: ["test/browser/global-setup.ts"],
    projects: [
      {
        test: {
          ...shared,
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          exclude: cronAhead,
          maxWorkers: 3,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...shared,
          name: "browser, cron ahead",
          include: cronAhead,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
