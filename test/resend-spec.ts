import { inject } from "vitest";
import { createFakeResend, type FakeResendOptions } from "./fake-resend.ts";

/** The fake Resend, checking against the spec the vitest config read from test/specs. */
export function fakeResend(options: FakeResendOptions = {}) {
  return createFakeResend(inject("resendSpec"), options);
}
