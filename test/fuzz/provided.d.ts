declare module "vitest" {
  export interface ProvidedContext {
    /** Generated requests for `npm run fuzz` (see vitest.fuzz.config.ts); absent in the normal suite. */
    fuzzRequests?: number;
  }
}

export {};
