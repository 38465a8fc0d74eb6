declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    /** An empty database of its own, for tests that apply the migrations step by step. */
    MIGRATION_DB: D1Database;
    /** In the bench only (vitest.bench.config.ts): how long the Worker's thread has run and waited for a core. */
    BENCH_CORE?: Fetcher;
  }
  interface GlobalProps {
    mainModule: typeof import("../worker/index.ts");
  }
}
