import { describe, expect, it } from "vitest";
import { amsterdamWeek, isoWeekOf, recentWeeks, weekLabel } from "../worker/mechanisms/lib/amsterdam-weeks.ts";
import { barRows, niceScale, percent, periodChart, splitBar } from "../worker/mechanisms/pages/charts.ts";

const svg = async (chart: unknown) => String(await chart);
const attributes = (markup: string, tag: string, name: string) =>
  [...markup.matchAll(new RegExp(`<${tag}\\b[^>]*\\b${name}="([^"]*)"`, "g"))].map((match) => match[1]!);
const HOUR = 3_600_000;

describe("niceScale", () => {
  it("rounds the top of an axis up to a step of 1, 2 or 5 times a power of ten", () => {
    expect(niceScale(0)).toEqual({ top: 4, step: 1 });
    expect(niceScale(3)).toEqual({ top: 3, step: 1 });
    expect(niceScale(7)).toEqual({ top: 8, step: 2 });
    expect(niceScale(1234)).toEqual({ top: 1500, step: 500 });
    expect(niceScale(1_000_000)).toEqual({ top: 1_000_000, step: 250_000 });
    expect(niceScale(10)).toEqual({ top: 10, step: 5 });
  });
});

describe("periodChart", () => {
  it("draws one column per period and series, as tall as its figure on the axis, coloured by class", async () => {
    const markup = await svg(
      periodChart({
        labels: ["wk 1", "wk 2", "wk 3"],
        bars: [
          { name: "Nieuw", values: [0, 4, 8], tone: 2 },
          { name: "Weg", values: [2, 0, 1], tone: 3 },
        ],
        summary: "Nieuw en weg per week",
      }),
    );
    const heights = attributes(markup, "rect", "height").slice(0, 6).map(Number);
    // The axis runs to 8 over 184 units of height.
    expect(heights).toEqual([0, 92, 184, 46, 0, 23]);
    expect(attributes(markup, "rect", "class").slice(0, 6)).toEqual([
      "tone-2",
      "tone-2",
      "tone-2",
      "tone-3",
      "tone-3",
      "tone-3",
    ]);
    expect(markup).toContain('role="img" aria-label="Nieuw en weg per week"');
    expect(markup).toMatch(/<ul class="legend">.*Nieuw.*Weg.*<\/ul>/s);
    expect(markup).not.toMatch(/\sstyle=/);
  });

  it("draws a line through one point per period", async () => {
    const markup = await svg(
      periodChart({
        labels: ["a", "b", "c", "d"],
        line: { name: "Actief", values: [1, 2, 3, 4], tone: 1 },
        summary: "x",
      }),
    );
    expect(attributes(markup, "polyline", "points")[0]!.split(" ")).toHaveLength(4);
    expect(attributes(markup, "circle", "cy").map(Number)).toEqual([148, 102, 56, 10]);
    // One series needs no legend: the caption names it.
    expect(markup).not.toContain("legend");
  });

  it("escapes labels and the summary", async () => {
    const markup = await svg(
      periodChart({ labels: ["<script>"], bars: [{ name: "<b>", values: [1], tone: 1 }], summary: '"><svg onload=x>' }),
    );
    expect(markup).not.toContain("<script>");
    expect(markup).toContain("&lt;script&gt;");
    expect(markup).not.toContain("<svg onload");
  });

  it("names fewer periods on the axis when there are many, but draws them all", async () => {
    const labels = Array.from({ length: 26 }, (_, i) => `wk ${i + 1}`);
    const markup = await svg(
      periodChart({ labels, bars: [{ name: "n", values: labels.map(() => 1), tone: 1 }], summary: "x" }),
    );
    expect(attributes(markup, "rect", "class").filter((c) => c === "tone-1")).toHaveLength(26);
    expect(markup).toContain(">wk 1<");
    expect(markup).not.toContain(">wk 2<");
    expect(markup).toContain(">wk 3<");
  });
});

describe("barRows", () => {
  it("draws bars on one scale, with the figure or its shown text at the end", async () => {
    const markup = await svg(
      barRows({
        rows: [
          { label: "Ingeschreven", value: 10 },
          { label: "Bevestigd", value: 5, shown: "50%" },
        ],
        tone: 1,
        summary: "Trechter",
      }),
    );
    const bars = [...markup.matchAll(/<rect class="tone-1"[^>]*width="([^"]*)"/g)].map((match) => Number(match[1]));
    // The labels take what the longest needs ("Ingeschreven": 12 × 9.5 + 12 = 126 of 600), the figures 56.
    expect(bars).toEqual([418, 209]);
    expect(markup).toContain(">10</text>");
    expect(markup).toContain(">50%</text>");
  });
});

describe("splitBar", () => {
  it("splits the whole width in proportion, and draws only the empty track when there is nothing", async () => {
    const markup = await svg(
      splitBar({
        parts: [
          { label: "Ja", value: 3 },
          { label: "Nee", value: 1 },
          { label: "Weet niet", value: 0 },
        ],
        summary: "Ja: 3, Nee: 1",
      }),
    );
    const widths = [...markup.matchAll(/<rect class="tone-\d gap"[^>]*width="([^"]*)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([450, 150]);
    expect(markup).toContain("Weet niet");

    const empty = await svg(splitBar({ parts: [{ label: "Ja", value: 0 }], summary: "niets" }));
    expect(empty).not.toMatch(/tone-\d gap/);
    expect(empty).toContain('class="track"');
  });
});

describe("percent", () => {
  it("rounds to whole percents and says nothing of nothing", () => {
    expect(percent(1, 3)).toBe("33%");
    expect(percent(0, 0)).toBe("–");
  });
});

describe("Amsterdam weeks", () => {
  it("numbers weeks as ISO 8601 does, across the turn of the year", () => {
    expect(isoWeekOf(2021, 1, 3)).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf(2021, 1, 4)).toEqual({ year: 2021, week: 1 });
    expect(isoWeekOf(2024, 12, 30)).toEqual({ year: 2025, week: 1 });
    expect(isoWeekOf(2026, 6, 15)).toEqual({ year: 2026, week: 25 });
  });

  it("starts a week at Monday midnight in Amsterdam, not in UTC", () => {
    // Monday 13 January 2020, 00:30 in Amsterdam is still Sunday in UTC.
    const week = amsterdamWeek(Date.parse("2020-01-12T23:30:00Z"));
    expect(week).toMatchObject({ year: 2020, week: 3 });
    expect(new Date(week.start).toISOString()).toBe("2020-01-12T23:00:00.000Z");
    expect(weekLabel(week)).toBe("week 3 van 2020 (vanaf 13 jan)");
    expect(amsterdamWeek(Date.parse("2020-01-12T22:59:59Z")).week).toBe(2);
  });

  it("makes the week of a clock change an hour shorter or longer", () => {
    const spring = amsterdamWeek(Date.parse("2026-03-29T12:00:00Z"));
    expect(new Date(spring.start).toISOString()).toBe("2026-03-22T23:00:00.000Z");
    expect(new Date(spring.end).toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect((spring.end - spring.start) / HOUR).toBe(167);
    const autumn = amsterdamWeek(Date.parse("2026-10-25T12:00:00Z"));
    expect((autumn.end - autumn.start) / HOUR).toBe(169);
  });

  it("lists the recent weeks oldest first, each starting where the one before ends", () => {
    const weeks = recentWeeks(Date.parse("2026-04-02T10:00:00Z"), 12);
    expect(weeks).toHaveLength(12);
    expect(weeks.at(-1)).toMatchObject({ year: 2026, week: 14 });
    for (let i = 1; i < weeks.length; i++) expect(weeks[i]!.start).toBe(weeks[i - 1]!.end);
  });
});
