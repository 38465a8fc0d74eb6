import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.ts";

// `npm run fuzz`: the fuzz file with FUZZ_RUNS generated requests, and every kind of mail under
// faults for 300 readers (the normal suite has 100). Tests run in workerd, which cannot see this
// process's environment, so the numbers are provided to them.
export default defineConfig(async (env) =>
  mergeConfig(await base(env), {
    test: { provide: { fuzzRequests: Number(process.env.FUZZ_RUNS ?? 200_000), mailKindReaders: 300 } },
  }),
);
