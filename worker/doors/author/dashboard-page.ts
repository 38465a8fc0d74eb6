import type { Context } from "hono";
import { html, raw } from "hono/html";
import type { DashboardStats } from "../../domain/overview/stats.ts";
import { answerLabel, questionPrompt } from "../../domain/reflections/answers.ts";
import { type AmsterdamWeek, shortWeekLabel, weekLabel } from "../../mechanisms/lib/amsterdam-weeks.ts";
import { barRows, chartStyle, percent, periodChart, splitBar } from "../../mechanisms/pages/charts.ts";
import { tableStyle } from "../../mechanisms/pages/table-style.ts";
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
  return html`<h2>${progress.series.name}: van inschrijving tot de laatste les</h2>
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
    </figure>`;
}

function lessonsSection(stats: DashboardStats, progress: SeriesProgress) {
  const answered = (questionId: string) =>
    stats.byAnswer.filter((row) => row.questionId === questionId).reduce((sum, row) => sum + row.n, 0);
  const rows = progress.series.lessons.map((lesson, i) => {
    const sent = progress.sentPerLesson[i] ?? 0;
    const n = answered(lesson.question.id);
    return { lesson, sent, answered: n };
  });
  return html`<h2>${progress.series.name}: per les</h2>
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
      <table>
        <caption>Verstuurd en beantwoord per les</caption>
        <thead><tr><th scope="col">Les</th><th scope="col">Verstuurd</th><th scope="col">Beantwoord</th><th scope="col">Aandeel</th></tr></thead>
        <tbody>${rows.map(
          (row) =>
            html`<tr><th scope="row">${row.lesson.order}. ${row.lesson.title}</th><td>${row.sent}</td><td>${row.answered}</td><td>${percent(row.answered, row.sent)}</td></tr>`,
        )}</tbody>
      </table>
    </figure>
    <h3>Hoe de antwoorden verdeeld zijn</h3>
    ${rows.map(({ lesson, answered: total }) => {
      const parts = lesson.question.answers.map((answer) => ({
        label: answer.label,
        value:
          stats.byAnswer.find((row) => row.questionId === lesson.question.id && row.answerKey === answer.key)?.n ?? 0,
      }));
      return html`<figure>
        <figcaption>Les ${lesson.order}: ${lesson.question.prompt} (${total} ${total === 1 ? "antwoord" : "antwoorden"})</figcaption>
        ${splitBar({ parts, summary: parts.map((part) => `${part.label}: ${part.value}`).join(", ") })}
        <details><summary>De cijfers</summary>
          <table>
            <caption>${lesson.question.prompt}</caption>
            <thead><tr><th scope="col">Antwoord</th><th scope="col">Lezers</th><th scope="col">Aandeel</th></tr></thead>
            <tbody>${parts.map((part) => html`<tr><th scope="row">${part.label}</th><td>${part.value}</td><td>${percent(part.value, total)}</td></tr>`)}</tbody>
          </table>
        </details>
      </figure>`;
    })}`;
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

/** The author's overview at /beheer: her course in charts and tables, her readers' shared words, and her tools. */
export function dashboardBody(c: Context, stats: DashboardStats, weeks: AmsterdamWeek[], mailSentence: string): Markup {
  const nonce = c.get("secureHeadersNonce") as string | undefined;
  return html`${authorNav(c, "/beheer")}${tableStyle(c)}<style nonce="${nonce ?? ""}">${raw(chartStyle)}</style>
    <h1>Overzicht</h1>
    <p>${mailSentence}</p>
    ${readersSection(stats, weeks)}
    ${stats.progress.map((progress) => html`${funnelSection(stats, progress)} ${lessonsSection(stats, progress)}`)}
    ${leavingSection(stats, weeks)}
    <h2>Woorden die lezers met je delen</h2>
    ${stats.shared.length === 0 ? html`<p class="muted">Nog niets gedeeld.</p>` : ""}
    ${stats.shared.map((row) => html`<blockquote><p>${row.note}</p><p class="muted">${questionPrompt(row.questionId)} · ${answerLabel(row.questionId, row.answerKey)}</p></blockquote>`)}
    <p><a href="/beheer/antwoorden.csv">Alle antwoorden als CSV</a></p>
    ${liftForm}` as Markup;
}
