import type { Database } from "../../mechanisms/db/client.ts";
import { amsterdamLocal } from "../../mechanisms/lib/amsterdam-time.ts";
import { csvField, excelCsv } from "../../mechanisms/lib/csv.ts";
import { course, lessonByQuestion, lessonPlace, questionPlace } from "../course/course.ts";
import { issueQuestionId, listIssues } from "../newsletter/issues.ts";
import { allAnswers } from "./stats.ts";

type Question = { prompt: string; answers: { key: string; label: string }[] };

/** Where an answer's question was asked: a lesson (its number), a newsletter issue, or content that is gone. */
type Source = { rank: number; lesson: string; title: string; question: Question | null };

/**
 * Every answer for Excel with Dutch settings: the lesson's number and title (or the newsletter
 * issue's subject), the question, the answer and the words the reader chose to share, in the
 * course's order, each dated on Amsterdam's clock. Readers are not named.
 */
export async function answersCsv(db: Database): Promise<string> {
  const [rows, issues] = await Promise.all([allAnswers(db), listIssues(db)]);
  const issueByQuestion = new Map(issues.map((issue, index) => [issueQuestionId(issue), { issue, index }]));
  const sourceOf = (questionId: string): Source => {
    const lesson = lessonByQuestion(questionId);
    if (lesson) {
      // The course's order: series by series, then the lessons since retired (before the newsletter).
      const rank = questionPlace(questionId)!;
      const place = lessonPlace(lesson);
      if (!place) return { rank, lesson: "", title: lesson.title, question: lesson.question };
      const named = course.series.length > 1 ? `${place.series.name}: ` : "";
      return { rank, lesson: String(place.number), title: `${named}${lesson.title}`, question: lesson.question };
    }
    const found = issueByQuestion.get(questionId);
    if (found)
      return {
        // After the lessons, the newsletter issues oldest first (the list is newest first).
        rank: Number.MAX_SAFE_INTEGER / 2 + (issues.length - found.index),
        lesson: "",
        title: `Nieuwsbrief: ${found.issue.subject}`,
        question: found.issue.question,
      };
    return { rank: Number.MAX_SAFE_INTEGER, lesson: "", title: "(niet meer in de reeks)", question: null };
  };
  const answers = rows
    .map((row) => ({ ...row, source: sourceOf(row.questionId) }))
    .sort((a, b) => a.source.rank - b.source.rank || a.updatedAt - b.updatedAt);
  return excelCsv(
    ["les", "titel", "vraag", "antwoord", "gedeelde woorden", "datum (Amsterdamse tijd)"],
    answers.map(({ source, ...row }) => [
      source.lesson,
      csvField(source.title),
      csvField(source.question?.prompt ?? row.questionId),
      csvField(source.question?.answers.find((answer) => answer.key === row.answerKey)?.label ?? row.answerKey),
      csvField(row.note ?? ""),
      amsterdamLocal(row.updatedAt).replace("T", " "),
    ]),
  );
}
