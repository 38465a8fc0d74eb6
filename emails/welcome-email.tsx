import { Heading, Text } from "@react-email/components";
import { colors, fonts, Greeting, Layout, text } from "./_components/layout.tsx";

export type WelcomeEmailProps = { firstName?: string | undefined; preferencesUrl: string; unsubscribeUrl: string };

export function WelcomeEmail({ firstName, preferencesUrl, unsubscribeUrl }: WelcomeEmailProps) {
  return (
    <Layout preview="Wat je de komende weken van ons kunt verwachten." footer={{ preferencesUrl, unsubscribeUrl }}>
      <Heading as="h1" style={{ fontFamily: fonts.serif, fontSize: "24px", fontWeight: "normal", color: colors.text, margin: "0 0 20px" }}>
        Welkom bij Rust en richting
      </Heading>
      <Greeting firstName={firstName} />
      <Text style={text}>Je inschrijving is bevestigd. Wat fijn dat je er bent.</Text>
      <Text style={text}>
        Je eerste les komt zo meteen binnen. Daarna krijg je elke week, op dezelfde ochtend, een nieuwe les: een korte tekst om rustig
        te lezen, en één vraag om bij stil te staan. Je antwoordt met één klik, als je wilt. Er is geen goed of fout, en niemand houdt je bij.
      </Text>
      <Text style={text}>
        Is het even te veel? Dan kun je pauzeren of je afmelden, met één klik onderaan elke mail. Zonder uitleg, zonder gedoe.
      </Text>
    </Layout>
  );
}

WelcomeEmail.PreviewProps = {
  firstName: "Anna",
  preferencesUrl: "http://localhost:8787/voorkeuren/voorbeeld",
  unsubscribeUrl: "http://localhost:8787/afmelden/voorbeeld",
} satisfies WelcomeEmailProps;

export default WelcomeEmail;
