import { Text } from "@react-email/components";
import { type FooterLinks, Greeting, Layout, Title, text, tone } from "./_components/layout.tsx";
import { previewLinks } from "./_components/preview-props.ts";

export type WelcomeEmailProps = {
  firstName?: string | undefined;
  /** A reader who comes back and goes on where they were: their next lesson, not their first. */
  returning?: boolean | undefined;
} & FooterLinks;

/** Sent once, right after confirming, just before the first lesson. */
export function WelcomeEmail({
  firstName,
  returning = false,
  preferencesUrl,
  unsubscribeUrl,
  helpUrl,
  privacyUrl,
}: WelcomeEmailProps) {
  return (
    <Layout
      title="Welkom bij Rust en richting"
      preview="Wat je de komende weken kunt verwachten."
      footer={{ preferencesUrl, unsubscribeUrl, helpUrl, privacyUrl }}
    >
      <Title>Welkom bij Rust en richting</Title>
      <Greeting firstName={firstName} />
      <Text className={tone.text} style={text}>
        {returning
          ? "Je inschrijving is weer bevestigd. Fijn dat je er weer bent."
          : "Je inschrijving is bevestigd. Fijn dat je er bent."}
      </Text>
      <Text className={tone.text} style={text}>
        {returning
          ? "Je lessen gaan verder zoals je koos; op je eigen pagina (de link onderaan) zie je wanneer de volgende komt."
          : "Je eerste les komt zo meteen binnen."}{" "}
        Daarna krijg je elke week op dezelfde dag een nieuwe les: een korte tekst om rustig te lezen, en één vraag om
        bij stil te staan. Antwoorden kan met één klik, als je dat wilt. Er is geen goed of fout.
      </Text>
      <Text className={tone.text} style={text}>
        Even geen ruimte voor deze mails? Onderaan elke mail kun je pauzeren of je afmelden: een link en één knop. Je
        hoeft niets uit te leggen.
      </Text>
    </Layout>
  );
}

WelcomeEmail.PreviewProps = { firstName: "Anna", ...previewLinks } satisfies WelcomeEmailProps;

export default WelcomeEmail;
