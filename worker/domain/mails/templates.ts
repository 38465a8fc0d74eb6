import generated from "../../../.generated/mail-templates.json" with { type: "json" };
import { templateStore } from "../../mechanisms/mail/personalise.ts";

/** The course's and the site's mails as the build rendered them (`npm run content:build`). */
export const { mailTemplate, personalise } = templateStore(generated);
