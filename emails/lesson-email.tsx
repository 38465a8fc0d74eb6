import { Link, Section, Text } from "@react-email/components";
import { Fragment } from "react";
import type { Credit } from "../worker/domain/course/credits.ts";
import type { Lesson } from "../worker/domain/course/lesson-schema.ts";
import {
  colors,
  type FooterLinks,
  Greeting,
  Layout,
  Subheading,
  small,
  Title,
  text,
  tone,
} from "./_components/layout.tsx";
import { markdownToHtml } from "./_components/markdown.ts";
import { lessonPreviewProps } from "./_components/preview-props.ts";
import { QuestionSection } from "./_components/question.tsx";
import { typographicQuotes } from "./_components/typography.ts";

export type LessonEmailProps = {
  lesson: Pick<Lesson, "title" | "preheader" | "body" | "question" | "exercise" | "order">;
  totalLessons: number;
  /** What the lesson is based on, each credit readable out of context. */
  credits: Credit[];
  firstName?: string | undefined;
  /** One link per answer, in the question's order. */
  answerUrls: string[];
  /** The line that opens the lesson for a reader who gave one answer to the previous lesson (its `after`). */
  opening?: string | undefined;
} & FooterLinks;

/** One weekly lesson: the text, an optional exercise, the question with its one-click answers, and where it comes from. */
export function LessonEmail({
  lesson,
  totalLessons,
  credits,
  firstName,
  answerUrls,
  opening,
  preferencesUrl,
  unsubscribeUrl,
  helpUrl,
  privacyUrl,
}: LessonEmailProps) {
  return (
    <Layout
      title={lesson.title}
      preview={lesson.preheader}
      footer={{ preferencesUrl, unsubscribeUrl, helpUrl, privacyUrl }}
    >
      <Text className={tone.muted} style={{ ...small, margin: "0 0 8px" }}>
        Les {lesson.order} van {totalLessons}
      </Text>
      <Title>{lesson.title}</Title>
      <Greeting firstName={firstName} />
      {opening ? (
        <Text className={tone.text} style={{ ...text, fontStyle: "italic" }}>
          {typographicQuotes(opening)}
        </Text>
      ) : null}
      <div
        className={tone.text}
        style={{ fontFamily: text.fontFamily, color: colors.text }}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: markdownToHtml passes no raw HTML and only http(s) and mailto links
        dangerouslySetInnerHTML={{ __html: markdownToHtml(lesson.body) }}
      />
      {lesson.exercise ? (
        <Section
          className={tone.soft}
          style={{ backgroundColor: colors.soft, borderRadius: "8px", padding: "18px 20px", margin: "16px 0 8px" }}
        >
          <Subheading quiet>Voor deze week</Subheading>
          <Text className={tone.text} style={{ ...text, margin: 0 }}>
            {typographicQuotes(lesson.exercise)}
          </Text>
        </Section>
      ) : null}
      <QuestionSection question={lesson.question} answerUrls={answerUrls} />
      <Text className={tone.muted} style={{ ...small, marginTop: "28px" }}>
        Deze les is gebaseerd op{" "}
        {credits.map((credit, index) => (
          <Fragment key={credit.text}>
            {index === 0 ? "" : index === credits.length - 1 ? " en " : ", "}
            {credit.url ? (
              <Link className={tone.link} href={credit.url} style={{ color: colors.accent }}>
                {credit.text}
              </Link>
            ) : (
              credit.text
            )}
          </Fragment>
        ))}
        .
      </Text>
    </Layout>
  );
}

LessonEmail.PreviewProps = lessonPreviewProps(1) satisfies LessonEmailProps;

export default LessonEmail;
