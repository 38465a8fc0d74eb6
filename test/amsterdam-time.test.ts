import { describe, expect, it } from "vitest";
import { amsterdamTime, nextWeeklySend } from "../worker/lib/amsterdam-time.ts";
import { clockChanges } from "./fixtures/clock-changes.ts";

const iso = (ms: number) => new Date(ms).toISOString();
const WEEK = 7 * 86_400_000;

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

describe("nextWeeklySend", () => {
  for (const { change, due, next } of clockChanges) {
    it(`keeps 07:00 Amsterdam time across the ${change} clock change`, () => {
      const previous = Date.parse(due);
      expect(iso(nextWeeklySend(previous, 7, previous))).toBe(next);
    });
  }

  it("lands on the reader's send hour a week after an evening confirmation", () => {
    const confirmedAt = Date.parse("2026-11-21T20:13:00.000Z");
    expect(iso(nextWeeklySend(confirmedAt, 7, confirmedAt))).toBe("2026-11-28T06:00:00.000Z");
  });

  it("takes the first weekly slot after a late run instead of a backlog", () => {
    const previous = Date.parse("2026-01-06T06:00:00.000Z");
    expect(iso(nextWeeklySend(previous, 7, previous + 3 * WEEK + 3600_000))).toBe("2026-02-03T06:00:00.000Z");
  });
});
