import packed from "../../../.generated/mail-templates.json" with { type: "json" };
import { unpackTemplates } from "../../mechanisms/mail/packed-templates.ts";
import { type TemplateStore, templateStore } from "../../mechanisms/mail/personalise.ts";

// Unpacked by the first mail an isolate makes, not at startup: most requests (pages, clicks) make none.
let store: TemplateStore | undefined;
const templates = () => (store ??= templateStore(unpackTemplates(packed)));

/** The course's and the site's mails as the build rendered them (`npm run content:build`), by key. */
export const mailTemplate: TemplateStore["mailTemplate"] = (key) => templates().mailTemplate(key);

/** A mail the build rendered, filled in for one reader. */
export const personalise: TemplateStore["personalise"] = (key, values) => templates().personalise(key, values);
