import { describe, expect, it } from "vitest";
import { amsterdamTime, formatAmsterdam } from "../worker/mechanisms/lib/amsterdam-time.ts";

const iso = (ms: number) => new Date(ms).toISOString();

describe("amsterdamTime", () => {
  it("is 07:00 CET (06:00 UTC) in winter and 07:00 CEST (05:00 UTC) in summer", () => {
    expect(iso(amsterdamTime(2026, 1, 15, 7))).toBe("2026-01-15T06:00:00.000Z");
    expect(iso(amsterdamTime(2026, 7, 15, 7))).toBe("2026-07-15T05:00:00.000Z");
  });

  it("handles the days the clocks change", () => {
    expect(iso(amsterdamTime(2026, 3, 29, 7))).toBe("2026-03-29T05:00:00.000Z");
    expect(iso(amsterdamTime(2026, 10, 25, 7))).toBe("2026-10-25T06:00:00.000Z");
    expect(iso(amsterdamTime(2027, 3, 28, 7))).toBe("2027-03-28T05:00:00.000Z");
    expect(iso(amsterdamTime(2027, 10, 31, 7))).toBe("2027-10-31T06:00:00.000Z");
  });
});

describe("formatAmsterdam", () => {
  it("shows a moment on Amsterdam's clock in Dutch, in winter and in summer", () => {
    expect(formatAmsterdam(Date.parse("2026-11-23T06:00:00Z"))).toBe("ma 23 nov 2026, 07:00");
    expect(formatAmsterdam(Date.parse("2026-07-01T05:30:00Z"))).toBe("wo 1 jul 2026, 07:30");
  });

  it("shows the day Amsterdam's calendar has, also when UTC is still on the day before", () => {
    expect(formatAmsterdam(Date.parse("2026-12-31T23:30:00Z"), "day")).toBe("1 januari 2027");
    expect(formatAmsterdam(Date.parse("2026-03-01T22:59:00Z"), "dayMonth")).toBe("1 mrt");
    expect(formatAmsterdam(Date.parse("2026-03-01T23:00:00Z"), "dayMonth")).toBe("2 mrt");
  });
});
