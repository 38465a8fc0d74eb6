declare module "vitest" {
  export interface ProvidedContext {
    /** The browser suite's dev server (test/browser/global-setup.ts). */
    devServer: { url: string; persistTo: string };
    /** Where the browser suite's Chromium listens for Playwright. */
    chromiumEndpoint: string;
    /** The author's password and address on that dev server. */
    adminPassword: string;
    authorEmail: string;
  }
}

export {};
