import type { Spec } from "./openapi.ts";

declare module "vitest" {
  export interface ProvidedContext {
    resendSpec: Spec;
    benchSizes: number[];
    benchPacing: boolean;
    benchConsumers: number;
    benchStorageReaders: number;
    benchStorageWeeks: number;
    benchRateReaders: number;
    benchClaimReaders: number;
    benchPlanReaders: number;
    benchAfterReaders: number;
    benchAfterRounds: number;
  }
}
