import { Section, Text } from "@react-email/components";
import { ActionButton, colors, Subheading, small, tone } from "./layout.tsx";
import { typographicQuotes } from "./typography.ts";

type Props = {
  question: { prompt: string; answers: { key: string; label: string }[] };
  /** One link per answer, in the question's order. */
  answerUrls: string[];
};

/** A reflection question with its one-click answers, as lessons and newsletter issues ask it. */
export function QuestionSection({ question, answerUrls }: Props) {
  return (
    <Section
      className={tone.line}
      style={{ borderTop: `1px solid ${colors.line}`, paddingTop: "8px", marginTop: "32px" }}
    >
      <Subheading>{typographicQuotes(question.prompt)}</Subheading>
      <Text className={tone.muted} style={small}>
        Kies wat nu het best bij je past. Eén klik is genoeg, en je kunt het later altijd nog veranderen.
      </Text>
      {question.answers.map((answer, index) => (
        <ActionButton key={answer.key} href={answerUrls[index]} align="left">
          {typographicQuotes(answer.label)}
        </ActionButton>
      ))}
    </Section>
  );
}
