import { Heading, Text } from "@react-email/components";
import { colors, fonts, Greeting, Layout, text } from "./_components/layout.tsx";

export type CourseCompleteEmailProps = { firstName?: string | undefined; preferencesUrl: string; unsubscribeUrl: string };

export function CourseCompleteEmail({ firstName, preferencesUrl, unsubscribeUrl }: CourseCompleteEmailProps) {
  return (
    <Layout preview="Je hebt alle lessen gehad. Hoe nu verder?" footer={{ preferencesUrl, unsubscribeUrl }}>
      <Heading as="h1" style={{ fontFamily: fonts.serif, fontSize: "24px", fontWeight: "normal", color: colors.text, margin: "0 0 20px" }}>
        Je hebt de hele reeks gelezen
      </Heading>
      <Greeting firstName={firstName} />
      <Text style={text}>
        Week na week heb je tijd gemaakt om stil te staan bij jezelf: bij wat je draagt, wat je geeft en wat je mag ontvangen. Dat is
        niet niks. Misschien viel er iets op zijn plek, misschien ook niet. Allebei is goed.
      </Text>
      <Text style={text}>
        De lessen stoppen hier. Je blijft wel ingeschreven voor de nieuwsbrief: af en toe een nieuw artikel of een nieuwe gedachte, niet
        vaker dan dat er iets te zeggen is.
      </Text>
      <Text style={text}>
        Wil je liever helemaal geen mail meer? Dan kun je je hieronder met één klik afmelden. Dank je wel voor het meelezen.
      </Text>
    </Layout>
  );
}

CourseCompleteEmail.PreviewProps = {
  firstName: "Anna",
  preferencesUrl: "http://localhost:8787/voorkeuren/voorbeeld",
  unsubscribeUrl: "http://localhost:8787/afmelden/voorbeeld",
} satisfies CourseCompleteEmailProps;

export default CourseCompleteEmail;
