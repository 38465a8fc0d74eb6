declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    /** An empty database of its own, for tests that apply the migrations step by step. */
    MIGRATION_DB: D1Database;
  }
  interface GlobalProps {
    mainModule: typeof import("../worker/index.ts");
  }
}
