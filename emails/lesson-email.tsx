import { Button, Heading, Link, Markdown, Section, Text } from "@react-email/components";
import course from "../.generated/course.json" with { type: "json" };
import type { Lesson } from "../worker/course/lesson-schema.ts";
import { colors, fonts, Greeting, Layout, text } from "./_components/layout.tsx";

export type LessonEmailProps = {
  lesson: Pick<Lesson, "title" | "preheader" | "body" | "question" | "exercise" | "source" | "order">;
  totalLessons: number;
  firstName?: string | undefined;
  /** One link per answer, in the question's order. */
  answerUrls: string[];
  preferencesUrl: string;
  unsubscribeUrl: string;
};

const small = { ...text, fontFamily: fonts.sans, fontSize: "14px", color: colors.muted };

export function LessonEmail({ lesson, totalLessons, firstName, answerUrls, preferencesUrl, unsubscribeUrl }: LessonEmailProps) {
  return (
    <Layout preview={lesson.preheader} footer={{ preferencesUrl, unsubscribeUrl }}>
      <Text style={{ ...small, margin: "0 0 8px" }}>
        Les {lesson.order} van {totalLessons}
      </Text>
      <Heading
        as="h1"
        style={{
          fontFamily: fonts.serif,
          fontSize: "26px",
          lineHeight: "1.3",
          fontWeight: "normal",
          color: colors.text,
          margin: "0 0 24px",
        }}
      >
        {lesson.title}
      </Heading>
      <Greeting firstName={firstName} />
      <Markdown
        markdownContainerStyles={{ fontFamily: fonts.serif, color: colors.text }}
        markdownCustomStyles={{
          p: text,
          h2: { fontFamily: fonts.serif, fontSize: "20px", fontWeight: "normal", color: colors.text, margin: "28px 0 12px" },
          li: { ...text, margin: "0 0 8px" },
          ul: { padding: "0 0 0 22px", margin: "0 0 16px" },
          ol: { padding: "0 0 0 22px", margin: "0 0 16px" },
          blockQuote: { ...text, fontStyle: "italic", borderLeft: `3px solid ${colors.line}`, padding: "0 0 0 14px", margin: "0 0 16px" },
        }}
      >
        {lesson.body}
      </Markdown>
      {lesson.exercise ? (
        <Section style={{ backgroundColor: colors.soft, borderRadius: "6px", padding: "16px 18px", margin: "8px 0 24px" }}>
          <Heading as="h2" style={{ fontFamily: fonts.sans, fontSize: "16px", fontWeight: 600, color: colors.text, margin: "0 0 8px" }}>
            Voor deze week
          </Heading>
          <Text style={{ ...text, margin: 0 }}>{lesson.exercise}</Text>
        </Section>
      ) : null}
      <Section style={{ borderTop: `1px solid ${colors.line}`, paddingTop: "24px", marginTop: "8px" }}>
        <Heading as="h2" style={{ fontFamily: fonts.serif, fontSize: "20px", fontWeight: "normal", color: colors.text, margin: "0 0 8px" }}>
          {lesson.question.prompt}
        </Heading>
        <Text style={small}>Kies wat nu het best bij je past. Eén klik is genoeg; je kunt het later altijd veranderen.</Text>
        {lesson.question.answers.map((answer, index) => (
          <Section key={answer.key}>
            <Button
              href={answerUrls[index]}
              style={{
                display: "block",
                boxSizing: "border-box",
                width: "100%",
                backgroundColor: colors.accent,
                color: colors.accentText,
                fontFamily: fonts.sans,
                fontSize: "16px",
                lineHeight: "20px",
                fontWeight: 600,
                textAlign: "left",
                padding: "14px 18px",
                borderRadius: "6px",
                margin: "0 0 10px",
              }}
            >
              {answer.label}
            </Button>
          </Section>
        ))}
      </Section>
      <Text style={{ ...small, marginTop: "24px" }}>
        Deze les is gebaseerd op{" "}
        {lesson.source.url ? (
          <Link href={lesson.source.url} style={{ color: colors.accent }}>
            ‘{lesson.source.title}’
          </Link>
        ) : (
          `‘${lesson.source.title}’`
        )}{" "}
        van {lesson.source.author}.
      </Text>
    </Layout>
  );
}

const [first] = course as Lesson[];

LessonEmail.PreviewProps = {
  lesson: first!,
  totalLessons: course.length,
  firstName: "Anna",
  answerUrls: first!.question.answers.map((answer) => `http://localhost:8787/reflectie/voorbeeld/${answer.key}`),
  preferencesUrl: "http://localhost:8787/voorkeuren/voorbeeld",
  unsubscribeUrl: "http://localhost:8787/afmelden/voorbeeld",
} satisfies LessonEmailProps;

export default LessonEmail;
