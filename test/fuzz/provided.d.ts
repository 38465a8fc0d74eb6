declare module "vitest" {
  export interface ProvidedContext {
    /** Generated requests for `npm run fuzz` (see vitest.fuzz.config.ts); absent in the normal suite. */
    fuzzRequests?: number;
    /** Readers who sign up in test/send-kinds.test.ts for `npm run fuzz`; absent in the normal suite, which has fewer. */
    mailKindReaders?: number;
  }
}

export {};
