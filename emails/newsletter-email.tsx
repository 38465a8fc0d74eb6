import { Link, Text } from "@react-email/components";
import type { IssueQuestion } from "../worker/mechanisms/db/schema.ts";
import { colors, type FooterLinks, Greeting, Layout, small, Title, text, tone } from "./_components/layout.tsx";
import { issueBodyHtml } from "./_components/markdown.ts";
import { previewLinks } from "./_components/preview-props.ts";
import { QuestionSection } from "./_components/question.tsx";

export type NewsletterEmailProps = {
  /** `bodyHtml`: the author's Markdown as `issueBodyHtml` makes it, safe to put in a mail. */
  issue: {
    subject: string;
    preheader: string;
    bodyHtml: string;
    question: IssueQuestion | null;
    /** Whether the mail opens with "Hoi {first name},"; she may open with words of her own. */
    greeting: boolean;
    /** Where the issue is in the public archive; none for an issue that is not. */
    onlineUrl?: string | undefined;
    /** The build's markers around the parts an issue may leave out (see `withParts`); none in a whole render. */
    parts?: { greeting: [string, string]; online: [string, string] } | undefined;
  };
  firstName?: string | undefined;
  /** One link per answer, in the question's order. */
  answerUrls: string[];
} & FooterLinks;

/** A newsletter issue: the author's own words, and perhaps one question with one-click answers. */
export function NewsletterEmail({
  issue,
  firstName,
  answerUrls,
  preferencesUrl,
  unsubscribeUrl,
  helpUrl,
  privacyUrl,
}: NewsletterEmailProps) {
  return (
    <Layout
      title={issue.subject}
      preview={issue.preheader}
      footer={{ preferencesUrl, unsubscribeUrl, helpUrl, privacyUrl }}
    >
      <Text className={tone.muted} style={{ ...small, margin: "0 0 8px" }}>
        {/* A span, so no marker beside it is text beside text (React would put a comment between). */}
        <span>Nieuwsbrief</span>
        {issue.parts?.online[0]}
        {issue.onlineUrl ? (
          <span>
            {" · "}
            <Link
              className={tone.link}
              href={issue.onlineUrl}
              style={{ color: colors.accent, textDecoration: "underline" }}
            >
              Lees online
            </Link>
          </span>
        ) : null}
        {issue.parts?.online[1]}
      </Text>
      <Title>{issue.subject}</Title>
      {issue.parts?.greeting[0]}
      {issue.greeting ? <Greeting firstName={firstName} /> : null}
      {issue.parts?.greeting[1]}
      <div
        className={tone.text}
        style={{ fontFamily: text.fontFamily, color: colors.text }}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: issueBodyHtml passes no raw HTML and only http(s) and mailto links
        dangerouslySetInnerHTML={{ __html: issue.bodyHtml }}
      />
      {issue.question ? <QuestionSection question={issue.question} answerUrls={answerUrls} /> : null}
    </Layout>
  );
}

NewsletterEmail.PreviewProps = {
  issue: {
    subject: "Wat de herfst me leerde over loslaten",
    preheader: "Een korte brief over bladeren, en over wat je niet hoeft vast te houden.",
    bodyHtml: issueBodyHtml(
      "De bomen laten hun bladeren gaan zonder er iets van te vinden.\n\n## Wat je mag laten gaan\n\nMisschien is er deze week **één ding** dat je niet meer hoeft te dragen.",
    ),
    greeting: true,
    onlineUrl: "http://localhost:8787/nieuwsbrief/wat-de-herfst-me-leerde-over-loslaten",
    question: {
      prompt: "Wat zou jij deze week willen laten gaan?",
      answers: [
        { key: "zorgen", label: "Een zorg om een ander" },
        { key: "moeten", label: "Een 'moeten' van mezelf" },
        { key: "niets", label: "Nog even niets" },
      ],
    },
  },
  firstName: "Anna",
  answerUrls: ["1", "2", "3"].map((n) => `http://localhost:8787/reflectie/voorbeeld/${n}`),
  ...previewLinks,
} satisfies NewsletterEmailProps;

export default NewsletterEmail;
