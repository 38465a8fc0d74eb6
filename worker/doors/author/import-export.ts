import type { Context } from "hono";
import { html } from "hono/html";
import { Hono } from "hono/tiny";
import { importSourceSchema, importSources } from "../../domain/readers/consent-sources.ts";
import { activeReadersCsv } from "../../domain/readers/export.ts";
import { type ImportReport, importReaders } from "../../domain/readers/import.ts";
import { MAX_IMPORT_ROWS, readList } from "../../domain/readers/reader-list.ts";
import { database } from "../../mechanisms/db/client.ts";
import { config } from "../../mechanisms/lib/config.ts";
import { parseCsv } from "../../mechanisms/lib/csv.ts";
import { requireMail } from "../../mechanisms/mail/index.ts";
import { page } from "../../mechanisms/pages/layout.ts";
import { limitBody, readFormData } from "../../mechanisms/pages/read-form.ts";
import { tableStyle } from "../../mechanisms/pages/table-style.ts";
import { logAuthorAction } from "./author-log.ts";
import { authorNav } from "./nav.ts";

/** `/beheer/import-export`: her readers out to a spreadsheet, and an existing list in. */
export const importExportRoutes = new Hono<{ Bindings: Env }>();

/** The largest upload read; anything bigger is refused unread. */
export const MAX_IMPORT_BYTES = 512 * 1024;

type FormState = { error?: string; source?: string; list?: string };

function importExportPage(c: Context, state: FormState = {}, report?: ImportReport, status: 200 | 413 | 422 = 200) {
  return page(c, {
    title: "Importeren en exporteren",
    status,
    body: html`${authorNav(c, "/beheer/import-export")}${tableStyle(c)}
      <h1>Importeren en exporteren</h1>
      ${report ? reportSection(report) : ""}
      <h2>Exporteren</h2>
      <p>Alle ingeschreven lezers in één bestand: adres, voornaam, status, datum van inschrijving, hoeveel lessen ze hadden en of ze de nieuwsbrief willen.
        Het opent in Excel of Numbers; de kolommen zijn gescheiden door puntkomma's.</p>
      <p><a class="button" href="/beheer/import-export/lezers.csv" download>Download lezers (CSV)</a></p>

      <h2>Importeren</h2>
      <p>Een lijst uit een spreadsheet of je vorige nieuwsbriefdienst, als CSV: per regel een e-mailadres en eventueel een voornaam.
        Een eerste regel met kolomnamen (zoals “e-mailadres” en “voornaam”) mag. Tot ${MAX_IMPORT_ROWS.toLocaleString("nl-NL")} regels
        en ${MAX_IMPORT_BYTES / 1024} kB per keer.</p>
      <p class="muted">Adressen die al bij je bekend zijn (ook anders geschreven, in dezelfde mailbox), of die na een bounce of klacht
        geen mail meer krijgen, worden niet toegevoegd, en een waarschijnlijke typfout ook niet. Foute regels worden overgeslagen en
        hieronder genoemd; de goede gaan gewoon door.</p>
      ${state.error ? html`<p class="error" id="import-fout" role="alert">${state.error}</p>` : ""}
      <form method="post" action="/beheer/import-export/import" enctype="multipart/form-data">
        <fieldset>
          <legend>Hoe gaven deze lezers toestemming? (verplicht)</legend>
          ${Object.entries(importSources).map(
            ([value, label]) =>
              html`<p class="check"><input type="radio" id="bron-${value}" name="toestemming" value="${value}" required
                ${state.source === value ? "checked" : ""} /><label for="bron-${value}">${label}</label></p>`,
          )}
          <p class="muted">Alleen wie elders al bevestigde, is meteen ingeschreven: die krijgt de welkomstmail en binnen een kwartier
            de eerste les. De anderen krijgen eerst een mail om hun inschrijving te bevestigen; wie niet bevestigt, wordt na een week
            vergeten.</p>
        </fieldset>
        <label for="bestand">CSV-bestand</label>
        <input id="bestand" name="bestand" type="file" accept=".csv,.txt,text/csv,text/plain" />
        <label for="lijst">Of plak de lijst hier</label>
        <textarea id="lijst" name="lijst" rows="8">${state.list ?? ""}</textarea>
        <button type="submit">Importeren</button>
      </form>`,
  });
}

function reportSection(report: ImportReport) {
  const active = report.imported - report.mailed;
  return html`<section role="status" aria-labelledby="verslag">
    <h2 id="verslag">Import klaar</h2>
    <p><strong>${report.imported} ${report.imported === 1 ? "lezer" : "lezers"} toegevoegd</strong>${
      report.imported > 0
        ? `: ${report.mailed} ${report.mailed === 1 ? "krijgt" : "krijgen"} een mail om te bevestigen, ${active} ${active === 1 ? "is" : "zijn"} meteen ingeschreven.`
        : "."
    }</p>
    ${
      report.problems.length === 0
        ? html`<p>Alle regels gingen goed.</p>`
        : html`<table>
            <caption>${report.problems.length} ${report.problems.length === 1 ? "regel is" : "regels zijn"} niet toegevoegd</caption>
            <thead><tr><th scope="col">Regel</th><th scope="col">Waarom niet</th></tr></thead>
            <tbody>${report.problems.map((problem) => html`<tr><td>${problem.line}</td><td>${problem.reason}</td></tr>`)}</tbody>
          </table>`
    }
  </section>`;
}

/** A file's text: UTF-8 when it is, else the Windows encoding Excel saves "CSV" in. */
async function fileText(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252", { fatal: false, ignoreBOM: false }).decode(bytes);
  }
}

importExportRoutes.get("/", (c) => importExportPage(c));

importExportRoutes.get("/lezers.csv", async (c) => {
  const { csv, readers } = await activeReadersCsv(database(c.env));
  logAuthorAction("export", { readers });
  c.header("Content-Disposition", 'attachment; filename="lezers.csv"');
  return c.body(csv, 200, { "Content-Type": "text/csv; charset=utf-8" });
});

const importBodyLimit = limitBody(MAX_IMPORT_BYTES, (c) =>
  importExportPage(
    c,
    { error: `Dit bestand is groter dan ${MAX_IMPORT_BYTES / 1024} kB. Splits het in delen; er is niets veranderd.` },
    undefined,
    413,
  ),
);

importExportRoutes.post("/import", importBodyLimit, async (c) => {
  const form = await readFormData(c.req.raw);
  const file = form?.get("bestand");
  const pasted = form?.get("lijst");
  const list = typeof pasted === "string" ? pasted : "";
  const text = file instanceof File && file.size > 0 ? await fileText(file) : list;
  const sourceField = form?.get("toestemming");
  const state: FormState = {
    list: list.slice(0, 20_000),
    source: typeof sourceField === "string" ? sourceField : undefined,
  };
  const source = importSourceSchema.safeParse(sourceField ?? undefined);
  if (!source.success)
    return importExportPage(
      c,
      { ...state, error: "Kies hoe deze lezers toestemming gaven; er is niets veranderd." },
      undefined,
      422,
    );
  if (text.trim() === "")
    return importExportPage(
      c,
      { ...state, error: "Kies een bestand of plak een lijst; er is niets veranderd." },
      undefined,
      422,
    );
  const rows = readList(parseCsv(text));
  if (typeof rows === "string")
    return importExportPage(c, { ...state, error: `${rows} Er is niets veranderd.` }, undefined, 422);
  // Every imported reader gets a mail; while mail is off, say so before anything is written.
  requireMail(config(c.env));
  const report = await importReaders(c.env, rows, source.data, Date.now());
  logAuthorAction("import", {
    source: source.data,
    imported: report.imported,
    mailed: report.mailed,
    skipped: report.problems.length,
  });
  return importExportPage(c, { source: source.data }, report);
});
