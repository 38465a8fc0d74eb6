import * as z from "zod/mini";

/**
 * How the readers of an imported list gave their consent: her required choice, stored as
 * each consent record's `source`. Only the first means they confirmed their address already.
 */
export const importSources = {
  "import-bevestigd-elders":
    "Ze schreven zich elders in en bevestigden hun adres al (bijvoorbeeld bij je vorige nieuwsbriefdienst)",
  "import-ingeschreven-elders": "Ze schreven zich elders in, maar bevestigden hun adres niet",
  "import-persoonlijk": "Ze gaven je hun adres zelf en vroegen om je mails (bijvoorbeeld bij een workshop of per mail)",
} as const;

export type ImportSource = keyof typeof importSources;

export const importSourceSchema = z.enum(Object.keys(importSources) as [ImportSource, ...ImportSource[]], {
  message: "Kies hoe deze lezers toestemming gaven.",
});

/** Readers imported with this source confirmed elsewhere: they get no confirmation mail. */
export const OPTED_IN_ELSEWHERE: ImportSource = "import-bevestigd-elders";

const signupSources: Record<string, string> = {
  formulier: "Het inschrijfformulier",
  embed: "Het formulier op je eigen site",
};

/** A consent record's source in the author's words. */
export function consentLabel(source: string): string {
  return signupSources[source] ?? `Import: ${importSources[source as ImportSource] ?? source}`;
}
