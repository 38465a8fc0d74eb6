import { LessonEmail, type LessonEmailProps } from "../lesson-email.tsx";
import { lessonPreviewProps } from "../_components/preview-props.ts";

/**
 * A preview template for the lesson at `order`: the real lesson mail with that
 * lesson's content as its PreviewProps. `npm run email` writes a tiny file
 * per lesson beside this one (scripts/email-preview.ts), so the preview lists
 * the whole course; those files are git-ignored and rewritten each time.
 */
export function lessonPreview(order: number) {
  const Preview = (props: LessonEmailProps) => <LessonEmail {...props} />;
  Preview.PreviewProps = lessonPreviewProps(order);
  return Preview;
}
