export type OutboxMail = {
  id: number;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  createdAt: string;
};

/** Every mail in the dev server's outbox to `to`, newest first. */
export async function mailsTo(serverUrl: string, to: string): Promise<OutboxMail[]> {
  const mails = (await (await fetch(`${serverUrl}/dev/outbox.json`)).json()) as OutboxMail[];
  return mails.filter((mail) => mail.to === to);
}

/** The newest mail in the dev server's outbox to `to` whose subject matches, once it has arrived. */
export async function waitForMail(serverUrl: string, to: string, subject: (s: string) => boolean): Promise<OutboxMail> {
  for (let i = 0; i < 100; i++) {
    const mail = (await mailsTo(serverUrl, to)).find((m) => subject(m.subject));
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${to}`);
}
