import type { Context } from "hono";
import { html, raw } from "hono/html";
import type { DashboardStats } from "../../domain/overview/stats.ts";
import type { ThisWeek } from "../../domain/overview/this-week.ts";
import { answerLabel, questionPrompt } from "../../domain/reflections/answers.ts";
import { type AmsterdamWeek, shortWeekLabel, weekLabel } from "../../mechanisms/lib/amsterdam-weeks.ts";
import { barRows, chartStyle, percent, periodChart, splitBar } from "../../mechanisms/pages/charts.ts";
import { tableStyle } from "../../mechanisms/pages/table-style.ts";
import { dashboardStyle, glanceSection } from "./dashboard-glance.ts";
import { authorNav } from "./nav.ts";
import { liftForm } from "./suppression.ts";

type Markup = ReturnType<typeof html>;

/** A table of figures per week: the chart's text alternative. */
function weekTable(caption: string, weeks: AmsterdamWeek[], columns: { name: string; values: number[] }[]) {
  return html`<details><summary>De cijfers per week</summary>
    <table>
      <caption>${caption}</caption>
      <thead><tr><th scope="col">Week</th>${columns.map((column) => html`<th scope="col">${column.name}</th>`)}</tr></thead>
      <tbody>${weeks.map(
        (week, i) =>
          html`<tr><th scope="row">${weekLabel(week)}</th>${columns.map((column) => html`<td>${column.values[i]}</td>`)}</tr>`,
      )}</tbody>
    </table>
  </details>`;
}

function readersSection(stats: DashboardStats, weeks: AmsterdamWeek[]) {
  const { readers } = stats;
  const labels = weeks.map(shortWeekLabel);
  const columns = [
    { name: "Nieuw bevestigd", values: readers.confirmedPerWeek },
    { name: "Actief aan het eind van de week", values: readers.activeAtWeekEnd },
    { name: "Afgemeld", values: readers.unsubscribedPerWeek },
  ];
  return html`<h2>Lezers</h2>
    <p>Nu actief: <strong>${readers.byStatus.active}</strong>. Wachten op bevestiging: ${readers.byStatus.pending}.
      Afgemeld: ${readers.byStatus.unsubscribed}. Geen mail meer na een bounce of klacht: ${readers.byStatus.suppressed}.</p>
    <figure>
      <figcaption>De laatste ${weeks.length} weken (Amsterdamse tijd, een week begint op maandag): hoeveel lezers aan het eind van elke week actief waren, en hoeveel er die week bevestigden of zich afmeldden.</figcaption>
      ${periodChart({
        labels,
        line: { name: "Actief", values: readers.activeAtWeekEnd, tone: 1 },
        summary: `Actieve lezers per week, van ${readers.activeAtWeekEnd[0]} naar ${readers.activeAtWeekEnd.at(-1)}.`,
      })}
      ${periodChart({
        labels,
        bars: [
          { name: "Nieuw bevestigd", values: readers.confirmedPerWeek, tone: 2 },
          { name: "Afgemeld", values: readers.unsubscribedPerWeek, tone: 3 },
        ],
        summary: `Nieuw bevestigd en afgemeld per week; deze week ${readers.confirmedPerWeek.at(-1)} nieuw en ${readers.unsubscribedPerWeek.at(-1)} afgemeld.`,
      })}
      ${weekTable("Lezers per week", weeks, columns)}
    </figure>`;
}

type SeriesProgress = DashboardStats["progress"][number];

function funnelSection(stats: DashboardStats, progress: SeriesProgress) {
  const { readers } = stats;
  // New readers start in the first series; the others are begun by choice.
  const start =
    progress.series === stats.progress[0]?.series
      ? [
          { label: "Ingeschreven", value: readers.signedUp },
          { label: "Bevestigd", value: readers.confirmed },
        ]
      : [{ label: "Begonnen aan deze reeks", value: progress.started }];
  const steps = [
    ...start,
    ...progress.sentPerLesson.map((value, i) => ({ label: `Les ${i + 1} gekregen`, value })),
    { label: "Reeks afgerond", value: progress.finished },
  ];
  return html`<div><h3>Van inschrijving tot de laatste les</h3>
    <figure>
      <figcaption>Hoeveel lezers elke stap bereikten, van inschrijven tot de afsluitende mail na de laatste les. Lezers die hun gegevens lieten wissen, tellen niet meer mee.</figcaption>
      ${barRows({ rows: steps, tone: 1, summary: `Van ${readers.signedUp} inschrijvingen rondden ${progress.finished} lezers de reeks af.` })}
      <details><summary>De cijfers per stap</summary>
        <table>
          <caption>Van inschrijving tot de laatste les</caption>
          <thead><tr><th scope="col">Stap</th><th scope="col">Lezers</th><th scope="col">Van alle inschrijvingen</th></tr></thead>
          <tbody>${steps.map(
            (step) =>
              html`<tr><th scope="row">${step.label}</th><td>${step.value}</td><td>${percent(step.value, readers.signedUp)}</td></tr>`,
          )}</tbody>
        </table>
      </details>
    </figure></div>`;
}

function lessonsSection(stats: DashboardStats, progress: SeriesProgress) {
  const answered = (questionId: string) =>
    stats.byAnswer.filter((row) => row.questionId === questionId).reduce((sum, row) => sum + row.n, 0);
  const rows = progress.series.lessons.map((lesson, i) => {
    const sent = progress.sentPerLesson[i] ?? 0;
    const n = answered(lesson.question.id);
    return { lesson, sent, answered: n };
  });
  const had = rows.filter((row) => row.sent > 0);
  const notYet = rows.filter((row) => row.sent === 0).map((row) => row.lesson.order);
  return html`<div><h3>Per les</h3>
    <p class="muted">Verstuurd telt de lessen die voor een lezer klaargezet zijn, ook als de verzending daarna mislukte; wat mislukte, zie je bij <a href="/beheer/status">Status</a>. Beantwoord telt lezers die een antwoord kozen.</p>
    <figure>
      <figcaption>Welk deel van de lezers die een les kregen, de vraag beantwoordde.</figcaption>
      ${barRows({
        rows: rows.map((row) => ({
          label: `Les ${row.lesson.order}`,
          value: row.sent === 0 ? 0 : (row.answered / row.sent) * 100,
          shown: percent(row.answered, row.sent),
        })),
        max: 100,
        tone: 2,
        summary: "Aandeel beantwoord per les.",
      })}
      <details><summary>De cijfers per les</summary><table>
        <caption>Verstuurd en beantwoord per les</caption>
        <thead><tr><th scope="col">Les</th><th scope="col">Verstuurd</th><th scope="col">Beantwoord</th><th scope="col">Aandeel</th></tr></thead>
        <tbody>${rows.map(
          (row) =>
            html`<tr><th scope="row">${row.lesson.order}. ${row.lesson.title}</th><td>${row.sent}</td><td>${row.answered}</td><td>${percent(row.answered, row.sent)}</td></tr>`,
        )}</tbody>
      </table></details>
    </figure></div>
    <div class="wide"><h3>Hoe de antwoorden verdeeld zijn</h3>
    ${notYet.length > 0 ? html`<p class="muted">${lessonList(notYet)} nog niemand gekregen; ${notYet.length === 1 ? "die verschijnt" : "die verschijnen"} hier zodra een lezer zover is.</p>` : ""}
    <div class="splits">${had.map(({ lesson, answered: total }) => {
      const parts = lesson.question.answers.map((answer) => ({
        label: answer.label,
        value:
          stats.byAnswer.find((row) => row.questionId === lesson.question.id && row.answerKey === answer.key)?.n ?? 0,
      }));
      return html`<figure>
        <figcaption><strong>Les ${lesson.order}</strong>: ${lesson.question.prompt} (${total} ${total === 1 ? "antwoord" : "antwoorden"})</figcaption>
        ${splitBar({ parts, summary: parts.map((part) => `${part.label}: ${part.value}`).join(", ") })}
        <details><summary>De cijfers</summary>
          <table>
            <caption>${lesson.question.prompt}</caption>
            <thead><tr><th scope="col">Antwoord</th><th scope="col">Lezers</th><th scope="col">Aandeel</th></tr></thead>
            <tbody>${parts.map((part) => html`<tr><th scope="row">${part.label}</th><td>${part.value}</td><td>${percent(part.value, total)}</td></tr>`)}</tbody>
          </table>
        </details>
      </figure>`;
    })}</div></div>`;
}

/** "Les 3 heeft", "Les 2, 5 en 7 hebben", "Les 4 tot en met 8 hebben": lessons named as few words as it takes. */
function lessonList(orders: number[]): string {
  if (orders.length === 1) return `Les ${orders[0]} heeft`;
  const consecutive = orders.every((order, i) => i === 0 || order === orders[i - 1]! + 1);
  if (consecutive) return `Les ${orders[0]} tot en met ${orders.at(-1)} hebben`;
  return `Les ${orders.slice(0, -1).join(", ")} en ${orders.at(-1)} hebben`;
}

/** One series: its funnel and its lessons, side by side where the screen is wide enough. */
function seriesSection(stats: DashboardStats, progress: SeriesProgress) {
  return html`<section class="series" aria-label="${progress.series.name}">
    <h2>${progress.series.name}</h2>
    <div class="panels">${funnelSection(stats, progress)} ${lessonsSection(stats, progress)}</div>
  </section>`;
}

/** The series nobody has begun, in one line rather than pages of empty charts. */
function emptySeries(progress: SeriesProgress[]) {
  if (progress.length === 0) return "";
  const names = progress.map((entry) => entry.series.name);
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} en ${names.at(-1)}`;
  return html`<p class="muted">Nog niemand begonnen aan ${list}; ${names.length === 1 ? "de grafieken van die reeks verschijnen" : "hun grafieken verschijnen"} hier zodra een lezer ${names.length === 1 ? "eraan" : "aan een ervan"} begint.</p>`;
}

function leavingSection(stats: DashboardStats, weeks: AmsterdamWeek[]) {
  const columns = [
    { name: "Afgemeld", values: stats.readers.unsubscribedPerWeek },
    { name: "Harde bounce", values: stats.bouncesPerWeek },
    { name: "Klacht", values: stats.complaintsPerWeek },
  ];
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return html`<h2>Afmeldingen, bounces en klachten</h2>
    <figure>
      <figcaption>Per week: wie zich afmeldde, welke adressen hard bouncten (het adres bestaat niet meer) en wie de mail als spam meldde. Na een bounce of klacht krijgt een adres geen mail meer.</figcaption>
      ${periodChart({
        labels: weeks.map(shortWeekLabel),
        bars: columns.map((column, i) => ({ ...column, tone: [1, 3, 5][i]! })),
        summary: `In ${weeks.length} weken: ${sum(columns[0]!.values)} afgemeld, ${sum(columns[1]!.values)} harde bounces, ${sum(columns[2]!.values)} klachten.`,
      })}
      ${weekTable("Afmeldingen, bounces en klachten per week", weeks, columns)}
    </figure>`;
}

const SHARED_SHOWN = 6;

/** The words readers chose to share, newest first: the latest few, the rest one click away. */
function sharedSection(shared: DashboardStats["shared"]) {
  const quote = (row: DashboardStats["shared"][number]) =>
    html`<blockquote><p>${row.note}</p><p class="muted">${questionPrompt(row.questionId)} · ${answerLabel(row.questionId, row.answerKey)}</p></blockquote>`;
  const rest = shared.slice(SHARED_SHOWN);
  return html`<h2>Woorden die lezers met je delen</h2>
    ${shared.length === 0 ? html`<p class="muted">Nog niets gedeeld.</p>` : ""}
    <div class="quotes">${shared.slice(0, SHARED_SHOWN).map(quote)}</div>
    ${rest.length > 0 ? html`<details><summary>Nog ${rest.length} eerder gedeeld</summary><div class="quotes">${rest.map(quote)}</div></details>` : ""}`;
}

/**
 * The author's overview at /beheer: this week and what needs her first, then her course in
 * charts and tables (series nobody has begun in one line), her readers' shared words, and her tools.
 */
export function dashboardBody(
  c: Context,
  stats: DashboardStats,
  weeks: AmsterdamWeek[],
  now: ThisWeek,
  mailSentence: string,
): Markup {
  const nonce = c.get("secureHeadersNonce") as string | undefined;
  const begun = stats.progress.filter((progress) => progress.started > 0);
  const unbegun = stats.progress.filter((progress) => progress.started === 0);
  return html`${authorNav(c, "/beheer")}${tableStyle(c)}<style nonce="${nonce ?? ""}">${raw(chartStyle + dashboardStyle)}</style>
    <h1>Overzicht</h1>
    ${glanceSection(stats, weeks.at(-1)!, now, mailSentence)}
    <div class="panels">
      <section>${readersSection(stats, weeks)}</section>
      <section>${leavingSection(stats, weeks)}</section>
    </div>
    ${begun.map((progress) => seriesSection(stats, progress))}
    ${emptySeries(unbegun)}
    ${sharedSection(stats.shared)}
    <p><a href="/beheer/antwoorden.csv">Alle antwoorden als CSV</a></p>
    ${liftForm}` as Markup;
}
