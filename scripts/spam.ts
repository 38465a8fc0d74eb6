// Scores every kind of mail with SpamAssassin (`spamassassin -L -t`: its local rules, no network
// tests), as the Worker would send it to a reader, and prints each score and the rules it hit.
// Installs Debian's spamassassin when it is missing (these machines run as root).
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { sampleMail } from "../worker/domain/mails/newsletter-previews.ts";
import { personalise } from "../worker/domain/mails/templates.ts";
import type { Issue } from "../worker/domain/newsletter/issues.ts";
import type { Config } from "../worker/mechanisms/lib/config.ts";

const SITE = "https://rustenrichting.nl";
const READER = {
  url: SITE,
  firstName: "Anna",
  answerToken: "AbCd1234efgh5678ijkl9012mnop3456qrst7890uvwxyz",
  unsubscribeToken: "AbCd1234efgh5678ijkl9012mnop3456qrst7890uvwxyz0",
  preferencesToken: "AbCd1234efgh5678ijkl9012mnop3456qrst7890uvwxyz1",
  confirmToken: "AbCd1234efgh5678ijkl9012mnop3456qrst7890uvwxyz2",
  answered: "3",
};

type Course = { series: { id: string; lessons: { slug: string; title: string }[] }[] };
const course = JSON.parse(readFileSync(".generated/course.json", "utf8")) as Course;

const issue = {
  id: "voorbeeld",
  updatedAt: 0,
  subject: "Over bladeren die vallen",
  preheader: "Een korte brief over wat je niet hoeft vast te houden.",
  body: "De bomen laten hun bladeren gaan, zonder strijd.\n\n## Wat je mag laten gaan\n\nMisschien **één ding** deze week.",
  question: {
    prompt: "Wat laat je deze week gaan?",
    answers: [
      { key: "a1", label: "Een verwachting" },
      { key: "a2", label: "Ik weet het nog niet" },
    ],
  },
} as unknown as Issue;

/** Every kind of mail a reader can get, with its subject. */
const mails: { kind: string; subject: string; html: string; text: string }[] = [
  { kind: "confirmation", subject: "Bevestig je inschrijving", ...personalise("confirmation", READER) },
  { kind: "welcome", subject: "Welkom bij Rust en richting", ...personalise("welcome", READER) },
  { kind: "links", subject: "Je eigen links voor Rust en richting", ...personalise("links", READER) },
  ...course.series.flatMap((series) => [
    ...series.lessons.map((lesson, index) => ({
      kind: `lesson ${series.id}/${index + 1}`,
      subject: lesson.title,
      ...personalise(`lesson/${lesson.slug}`, READER),
    })),
    {
      kind: `closing ${series.id}`,
      subject: "Je hebt de hele reeks gelezen",
      ...personalise(`closing/${series.id}`, READER),
    },
  ]),
  { kind: "newsletter", subject: issue.subject, ...sampleMail({ PUBLIC_URL: SITE } as Config, issue) },
];

/** RFC 2045 quoted-printable, as mail providers send HTML and text. */
function quotedPrintable(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const encoded = Array.from(new TextEncoder().encode(line), (byte) =>
        (byte >= 33 && byte <= 126 && byte !== 61) || byte === 32
          ? String.fromCharCode(byte)
          : `=${byte.toString(16).toUpperCase().padStart(2, "0")}`,
      )
        .join("")
        .replace(/ $/, "=20");
      const out: string[] = [];
      let rest = encoded;
      while (rest.length > 75) {
        let cut = 75;
        // Never split an =XX escape.
        while (rest[cut - 1] === "=" || rest[cut - 2] === "=") cut--;
        out.push(`${rest.slice(0, cut)}=`);
        rest = rest.slice(cut);
      }
      out.push(rest);
      return out.join("\r\n");
    })
    .join("\r\n");
}

/**
 * How a part may travel. React renders a mail's HTML as one line, longer than the 998 characters
 * RFC 5322 allows, so it goes quoted-printable or base64; 8bit shows what a filter would say of
 * it unencoded (LONG_INVISIBLE_TEXT: a hidden element on a line that long).
 */
const ENCODINGS = ["quoted-printable", "base64", "8bit"] as const;
type Encoding = (typeof ENCODINGS)[number];

function encode(text: string, encoding: Encoding): string {
  if (encoding === "base64")
    return (
      Buffer.from(text)
        .toString("base64")
        .match(/.{1,76}/g) ?? []
    ).join("\r\n");
  return encoding === "quoted-printable" ? quotedPrintable(text) : text.replace(/\r?\n/g, "\r\n");
}

const encodedWord = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString("base64")}?=`;

function message(mail: (typeof mails)[number], encoding: Encoding): string {
  const boundary = "rust-en-richting-boundary";
  return [
    "From: Rust en richting <lessen@rustenrichting.nl>",
    "To: anna@voorbeeld.nl",
    `Subject: ${encodedWord(mail.subject)}`,
    `Date: ${new Date().toUTCString().replace("GMT", "+0000")}`,
    `Message-ID: <${crypto.randomUUID()}@rustenrichting.nl>`,
    "MIME-Version: 1.0",
    `List-Unsubscribe: <${SITE}/afmelden/${READER.unsubscribeToken}>`,
    "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=UTF-8",
    `Content-Transfer-Encoding: ${encoding}`,
    "",
    encode(mail.text, encoding),
    `--${boundary}`,
    "Content-Type: text/html; charset=UTF-8",
    `Content-Transfer-Encoding: ${encoding}`,
    "",
    encode(mail.html, encoding),
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

if (spawnSync("which", ["spamassassin"]).status !== 0) {
  console.log("Installing Debian's spamassassin...");
  execFileSync("apt-get", ["install", "-y", "-qq", "spamassassin"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

for (const encoding of ENCODINGS) {
  console.log(
    `\n${encoding}${encoding === "8bit" ? " (for comparison: no mail with an HTML line this long may go out so)" : ""}`,
  );
  for (const mail of mails) {
    const scored = spawnSync("spamassassin", ["-L", "-t"], { input: message(mail, encoding), encoding: "utf8" });
    const report = scored.stdout.slice(scored.stdout.indexOf("Content analysis details:"));
    const score = /\((-?[\d.]+) points/.exec(report)?.[1];
    if (!score) throw new Error(`spamassassin gave no score for ${mail.kind}: ${scored.stderr}`);
    const hits = [...report.matchAll(/^\s*(-?\d+\.\d+) ([A-Z0-9_]+)\s/gm)].map(
      ([, points, rule]) => `${rule} (${points})`,
    );
    console.log(`${score.padStart(5)}  ${mail.kind}: ${hits.join(", ")}`);
  }
}
