import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

/**
 * Small SVG charts drawn on the server: no script, no style attribute (colours come from the
 * classes tone-1 … tone-5 in `chartStyle`, which also follow dark mode), readable without
 * JavaScript. Each chart is a picture for the eye; the figures themselves go in a table next to it.
 */

/** One line of figures on a chart; `tone` picks its colour (1–5). */
export type Series = { name: string; values: number[]; tone: number };

const WIDTH = 600;
const HEIGHT = 220;
const LEFT = 44;
const RIGHT = 8;
const TOP = 10;
const BOTTOM = 26;

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The smallest step of 1, 2, 2.5 or 5 times a power of ten (2.5 only from 25 up, so steps stay
 * whole) that reaches `max` in about `steps` steps, and the top of the axis it gives.
 */
export function niceScale(max: number, steps = 4): { top: number; step: number } {
  if (max <= 0) return { top: steps, step: 1 };
  const raw = max / steps;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const factors = magnitude >= 10 ? [1, 2, 2.5, 5, 10] : [1, 2, 5, 10];
  const step = factors.map((f) => f * magnitude).find((s) => s >= raw)!;
  const whole = Math.max(1, Math.round(step));
  return { top: Math.ceil(max / whole) * whole, step: whole };
}

function ticks(top: number, step: number): number[] {
  const values: number[] = [];
  for (let value = 0; value <= top; value += step) values.push(value);
  return values;
}

function yAxis(top: number, step: number, plotHeight: number) {
  const y = (value: number) => round(TOP + plotHeight - (value / top) * plotHeight);
  return html`${ticks(top, step).map(
    (value) =>
      html`<line class="grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(value)}" y2="${y(value)}" /><text class="axis" x="${LEFT - 6}" y="${y(value) + 4}" text-anchor="end">${value}</text>`,
  )}`;
}

/**
 * Figures per period (a week, say) as grouped columns, and optionally one series as a line
 * over them. `summary` is what a screen reader hears for the picture.
 */
export function periodChart(options: {
  labels: string[];
  bars?: Series[];
  line?: Series;
  summary: string;
}): HtmlEscapedString | Promise<HtmlEscapedString> {
  const { labels, bars = [], line, summary } = options;
  const all = [...bars, ...(line ? [line] : [])];
  const { top, step } = niceScale(Math.max(0, ...all.flatMap((series) => series.values)));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = plotWidth / Math.max(1, labels.length);
  const barWidth = bars.length === 0 ? 0 : (slot * 0.7) / bars.length;
  const y = (value: number) => round(TOP + plotHeight - (value / top) * plotHeight);
  const centre = (i: number) => round(LEFT + slot * i + slot / 2);
  const every = Math.ceil(labels.length / 13);
  const points = line?.values.map((value, i) => `${centre(i)},${y(value)}`).join(" ") ?? "";
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${summary}" focusable="false">
    ${yAxis(top, step, plotHeight)}
    ${bars.map((series, s) =>
      series.values.map((value, i) => {
        const x = round(LEFT + slot * i + slot * 0.15 + barWidth * s);
        return html`<rect class="tone-${series.tone}" x="${x}" y="${y(value)}" width="${round(barWidth)}" height="${round(TOP + plotHeight - y(value))}" />`;
      }),
    )}
    ${
      line
        ? html`<polyline class="line tone-${line.tone}" points="${points}" fill="none" stroke-width="3" />${line.values.map(
            (value, i) => html`<circle class="tone-${line.tone}" cx="${centre(i)}" cy="${y(value)}" r="4" />`,
          )}`
        : ""
    }
    <line class="baseline" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${TOP + plotHeight}" y2="${TOP + plotHeight}" />
    ${labels.map((label, i) =>
      i % every === 0
        ? html`<text class="axis" x="${centre(i)}" y="${HEIGHT - 8}" text-anchor="middle">${label}</text>`
        : "",
    )}
  </svg>
  ${legend(all)}`;
}

/**
 * Horizontal bars, one per row, on one scale (the largest value, or `max`): a funnel, or a
 * figure per lesson. A row's `shown` text replaces its number at the end of the bar.
 */
export function barRows(options: {
  rows: { label: string; value: number; shown?: string }[];
  tone: number;
  summary: string;
  max?: number;
}): HtmlEscapedString | Promise<HtmlEscapedString> {
  const { rows, tone, summary } = options;
  const rowHeight = 26;
  // Room for the longest label at about 9.5 units a character (15px system-ui; DejaVu Sans is wide), so none is cut off.
  const labelWidth = Math.min(
    300,
    Math.max(80, Math.ceil(Math.max(...rows.map((row) => row.label.length)) * 9.5) + 12),
  );
  const valueWidth = 56;
  const height = rows.length * rowHeight + 4;
  const max = options.max ?? Math.max(1, ...rows.map((row) => row.value));
  const span = WIDTH - labelWidth - valueWidth;
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${summary}" focusable="false">
    ${rows.map((row, i) => {
      const y = i * rowHeight + 2;
      const width = round((row.value / max) * span);
      return html`<text class="label" x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${clip(row.label, 30)}</text><rect class="track" x="${labelWidth}" y="${y + 3}" width="${span}" height="${rowHeight - 8}" /><rect class="tone-${tone}" x="${labelWidth}" y="${y + 3}" width="${width}" height="${rowHeight - 8}" /><text class="label" x="${labelWidth + span + 6}" y="${y + 17}">${row.shown ?? row.value}</text>`;
    })}
  </svg>`;
}

/** How one whole splits into parts, as one bar of 100% (parts of nothing draw an empty track). */
export function splitBar(options: {
  parts: { label: string; value: number }[];
  summary: string;
}): HtmlEscapedString | Promise<HtmlEscapedString> {
  const { parts, summary } = options;
  const total = parts.reduce((sum, part) => sum + part.value, 0);
  let x = 0;
  const series = parts.map((part, i) => ({ name: part.label, values: [part.value], tone: (i % 5) + 1 }));
  return html`<svg class="chart split" viewBox="0 0 ${WIDTH} 28" role="img" aria-label="${summary}" focusable="false">
    <rect class="track" x="0" y="2" width="${WIDTH}" height="24" />
    ${parts.map((part, i) => {
      if (total === 0 || part.value === 0) return "";
      const width = round((part.value / total) * WIDTH);
      const rect = html`<rect class="tone-${(i % 5) + 1} gap" x="${round(x)}" y="2" width="${width}" height="24" />`;
      x += width;
      return rect;
    })}
  </svg>
  ${legend(series)}`;
}

function legend(series: Series[]) {
  if (series.length < 2) return "";
  return html`<ul class="legend">${series.map(
    (entry) =>
      html`<li><svg width="14" height="14" aria-hidden="true" focusable="false"><rect class="tone-${entry.tone}" width="14" height="14" rx="2" /></svg>${entry.name}</li>`,
  )}</ul>`;
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** The share `part` is of `whole`, as Dutch writes it: "42%"; a dash when there is no whole. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? "–" : `${Math.round((part / whole) * 100)}%`;
}

/** The charts' colours and text, light and dark, for the page's nonce'd stylesheet. */
export const chartStyle = `
figure{margin:0 0 2rem}
figcaption{font-family:system-ui,sans-serif;font-size:.95rem;color:var(--muted);margin:.4rem 0}
.chart{display:block;width:100%;height:auto}
.chart text{font:15px system-ui,sans-serif;fill:var(--fg)}
.chart text.axis{font-size:13px;fill:var(--muted)}
.chart .grid{stroke:var(--line)}
.chart .baseline{stroke:var(--edge)}
.chart .track{fill:var(--line)}
.chart .gap{stroke:var(--bg);stroke-width:2}
.chart .line{fill:none}
.tone-1{fill:#7a4e2d;stroke:#7a4e2d}
.tone-2{fill:#2f6f73;stroke:#2f6f73}
.tone-3{fill:#a12c2c;stroke:#a12c2c}
.tone-4{fill:#806419;stroke:#806419}
.tone-5{fill:#4f5585;stroke:#4f5585}
@media (prefers-color-scheme:dark){
.tone-1{fill:#e0b48c;stroke:#e0b48c}
.tone-2{fill:#7cc4c8;stroke:#7cc4c8}
.tone-3{fill:#ff9b9b;stroke:#ff9b9b}
.tone-4{fill:#e3c770;stroke:#e3c770}
.tone-5{fill:#a9aee0;stroke:#a9aee0}}
.legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;list-style:none;padding:0;margin:.4rem 0;font:.9rem system-ui,sans-serif}
.legend li{display:flex;align-items:center;gap:.4rem}
details{margin:.4rem 0 0;font-family:system-ui,sans-serif;font-size:.95rem}
summary{cursor:pointer;color:var(--accent);min-height:24px}
`;
