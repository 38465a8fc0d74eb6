import { Text } from "@react-email/components";
import { ActionButton, type FooterLinks, Greeting, Layout, Title, text, tone } from "./_components/layout.tsx";
import { previewLinks } from "./_components/preview-props.ts";

export type CourseCompleteEmailProps = {
  firstName?: string | undefined;
  /** How many of the series' questions the reader answered (a number, as text); null when none. */
  answered: string | null;
  /** How many questions the series asked. */
  questions: number;
  /** The series the reader has just finished. */
  seriesName: string;
  /** The series offered next, or null when the course has only this one. */
  next: { name: string; description: string } | null;
} & FooterLinks;

/** Sent a week after a series' last lesson: a look back, and the choice of how to go on. */
export function CourseCompleteEmail({
  firstName,
  answered,
  questions,
  seriesName,
  next,
  preferencesUrl,
  unsubscribeUrl,
  helpUrl,
  privacyUrl,
}: CourseCompleteEmailProps) {
  return (
    <Layout
      title="Je hebt de hele reeks gelezen"
      preview="Je hebt alle lessen gehad. Hoe het nu verder gaat."
      footer={{ preferencesUrl, unsubscribeUrl, helpUrl, privacyUrl }}
    >
      <Title>Je hebt de hele reeks gelezen</Title>
      <Greeting firstName={firstName} />
      <Text className={tone.text} style={text}>
        Week na week heb je tijd gemaakt om bij jezelf stil te staan, met de lessen van ‘{seriesName}’. Dat is niet
        niks. Misschien is er iets op zijn plek gevallen, misschien ook niet. Allebei is goed.
      </Text>
      {/* No count when she answered nothing: "0 of 9" would read as a score. Reading was enough. */}
      {answered === null ? null : (
        <>
          <Text className={tone.text} style={text}>
            Je gaf een antwoord bij {answered} van de {questions} vragen. Wil je terugkijken? Wat je antwoordde, met je
            eigen woorden erbij, staat op één pagina die alleen jij kunt openen.
          </Text>
          <ActionButton href={`${preferencesUrl}/reflecties`}>Mijn reflecties</ActionButton>
        </>
      )}
      {next ? (
        <>
          <Text className={tone.text} style={text}>
            {/* One text each, not words split by React's comments, which spam filters count as obfuscation. */}
            {`Hier stoppen de lessen van ‘${seriesName}’. Wil je verder? De volgende reeks is ‘${next.name}’: ${next.description} Op je eigen pagina begin je eraan, of begin je ‘${seriesName}’ opnieuw.`}
          </Text>
          <ActionButton href={`${preferencesUrl}#reeksen`}>Kies hoe je verder gaat</ActionButton>
          <Text className={tone.text} style={text}>
            Kies je niets, dan komen er geen lessen meer. De nieuwsbrief blijf je wel krijgen: af en toe een nieuw
            artikel of een nieuwe gedachte, niet vaker dan er iets te zeggen is.
          </Text>
        </>
      ) : (
        <Text className={tone.text} style={text}>
          {`Hier stoppen de lessen van ‘${seriesName}’. De nieuwsbrief blijf je wel krijgen: af en toe een nieuw artikel of een nieuwe gedachte, niet vaker dan er iets te zeggen is.`}
        </Text>
      )}
      <Text className={tone.text} style={text}>
        Wil je liever helemaal geen mail meer? Onderaan deze mail kun je je afmelden: een link en één knop. Dank je wel
        voor het meelezen.
      </Text>
    </Layout>
  );
}

CourseCompleteEmail.PreviewProps = {
  firstName: "Anna",
  answered: "12",
  questions: 8,
  seriesName: "Loslaten",
  next: {
    name: "Geven en nemen",
    description: "Over de balans tussen geven en ontvangen.",
  },
  ...previewLinks,
} satisfies CourseCompleteEmailProps;

export default CourseCompleteEmail;
