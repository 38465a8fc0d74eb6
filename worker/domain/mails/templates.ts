import packed from "../../../.generated/mail-templates.json" with { type: "json" };
import { unpackTemplates } from "../../mechanisms/mail/packed-templates.ts";
import { type TemplateStore, templateStore } from "../../mechanisms/mail/personalise.ts";

let store: TemplateStore | undefined;
const templates = () => (store ??= templateStore(unpackTemplates(packed)));

/**
 * Unpacks the templates now, once per isolate: the Worker does so as it starts, within the
 * startup limit (1 s), because by the first mail it took 4-8 ms of that invocation's CPU, most
 * of the 10 ms one has on Workers Free. (Not on import: the build imports this before they exist.)
 */
export function unpackMailTemplates(): void {
  templates();
}

/** The course's and the site's mails as the build rendered them (`npm run content:build`), by key. */
export const mailTemplate: TemplateStore["mailTemplate"] = (key) => templates().mailTemplate(key);

/** A mail the build rendered, filled in for one reader. */
export const personalise: TemplateStore["personalise"] = (key, values) => templates().personalise(key, values);
