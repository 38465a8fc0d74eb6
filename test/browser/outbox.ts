export type OutboxMail = {
  id: number;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  createdAt: string;
};

/** The newest mail in the dev server's outbox to `to` whose subject matches, once it has arrived. */
export async function waitForMail(serverUrl: string, to: string, subject: (s: string) => boolean): Promise<OutboxMail> {
  for (let i = 0; i < 100; i++) {
    const mails = (await (await fetch(`${serverUrl}/dev/outbox.json`)).json()) as OutboxMail[];
    const mail = mails.find((m) => m.to === to && subject(m.subject));
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${to}`);
}
