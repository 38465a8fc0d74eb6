import type { Context } from "hono";
import { html } from "hono/html";
import * as z from "zod/mini";
import { WEEKDAYS } from "../../domain/course/rhythm-words.ts";
import type { Enrollment } from "../../domain/readers/preferences.ts";
import { isTimeZone } from "../../mechanisms/lib/reader-time.ts";

const HOURS = Array.from({ length: 17 }, (_, i) => i + 6);

export { WEEKDAYS };

/** Most readers live in the Netherlands or Flanders: those two come first in the list. */
const FIRST_ZONES = ["Europe/Amsterdam", "Europe/Brussels"];

let zones: string[] | undefined;

/** Every zone the runtime knows, the first two first; sorted once per isolate, not per page. */
function timeZones(): string[] {
  zones ??= [
    ...FIRST_ZONES,
    ...Intl.supportedValuesOf("timeZone")
      .filter((zone) => !FIRST_ZONES.includes(zone))
      .sort(),
  ];
  return zones;
}

/** The rhythm form as posted: weekday, hour, pace and any IANA time zone. */
export const rhythmFields = z.object({
  actie: z.literal("ritme"),
  dag: z.pipe(z.coerce.number(), z.int().check(z.minimum(1), z.maximum(7))),
  uur: z.pipe(z.coerce.number(), z.int().check(z.minimum(6), z.maximum(22))),
  tempo: z.pipe(z.coerce.number(), z.int().check(z.minimum(1), z.maximum(2))),
  tijdzone: z
    .string()
    .check(
      z.trim(),
      z.refine(isTimeZone, "Die tijdzone kennen we niet. Kies er een uit de lijst, bijvoorbeeld Europe/Amsterdam."),
    ),
});

/**
 * When the reader wants their lessons. The zone field is a searchable list that works without
 * JavaScript; a small script offers the browser's own zone when it differs from the one stored.
 */
export function rhythmForm(c: Context, token: string, enrollment: Enrollment, error?: string) {
  const nonce = (c.get("secureHeadersNonce") as string | undefined) ?? "";
  return html`<h2>Wanneer je je les krijgt</h2>
    <form method="post" action="/voorkeuren/${token}">
      <input type="hidden" name="actie" value="ritme" />
      <label for="dag">Op welke dag?</label>
      <select id="dag" name="dag">
        ${WEEKDAYS.map((day, i) => html`<option value="${i + 1}" ${i + 1 === enrollment.weekday ? "selected" : ""}>${day}</option>`)}
      </select>
      <label for="uur">Hoe laat?</label>
      <select id="uur" name="uur">
        ${HOURS.map((hour) => html`<option value="${hour}" ${hour === enrollment.sendHour ? "selected" : ""}>${hour}:00 uur</option>`)}
      </select>
      <label for="tempo">Hoe vaak?</label>
      <select id="tempo" name="tempo">
        <option value="1" ${enrollment.pace === 1 ? "selected" : ""}>Elke week</option>
        <option value="2" ${enrollment.pace === 2 ? "selected" : ""}>Om de week</option>
      </select>
      <label for="tijdzone">In welke tijdzone?</label>
      <input type="text" id="tijdzone" name="tijdzone" list="tijdzones" value="${enrollment.timeZone}" autocomplete="off"
        ${error ? html`aria-invalid="true" aria-describedby="tijdzone-fout"` : ""} />
      ${error ? html`<p class="error" id="tijdzone-fout">${error}</p>` : ""}
      <datalist id="tijdzones">${timeZones().map((zone) => html`<option value="${zone}"></option>`)}</datalist>
      <p class="muted" id="zone-hint" hidden></p>
      <button type="submit" class="quiet">Bewaar</button>
    </form>
    <script nonce="${nonce}">
      (function () {
        var field = document.getElementById("tijdzone");
        var hint = document.getElementById("zone-hint");
        var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        if (!field || !hint || !zone || zone === field.value) return;
        hint.textContent = "Je browser staat op " + zone + ". ";
        var use = document.createElement("button");
        use.type = "button";
        use.className = "quiet";
        use.textContent = "Gebruik " + zone;
        use.addEventListener("click", function () { field.value = zone; hint.hidden = true; field.focus(); });
        hint.appendChild(use);
        hint.hidden = false;
      })();
    </script>`;
}
