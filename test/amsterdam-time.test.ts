import { describe, expect, it } from "vitest";
import { amsterdamTime } from "../worker/mechanisms/lib/amsterdam-time.ts";

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
