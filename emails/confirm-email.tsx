import { Button, Heading, Text } from "@react-email/components";
import { colors, fonts, Greeting, Layout, text } from "./_components/layout.tsx";

export type ConfirmEmailProps = { firstName?: string | undefined; confirmUrl: string };

export function ConfirmEmail({ firstName, confirmUrl }: ConfirmEmailProps) {
  return (
    <Layout preview="Nog één klik, dan ben je ingeschreven.">
      <Heading as="h1" style={{ fontFamily: fonts.serif, fontSize: "24px", fontWeight: "normal", color: colors.text, margin: "0 0 20px" }}>
        Bevestig je inschrijving
      </Heading>
      <Greeting firstName={firstName} />
      <Text style={text}>
        Fijn dat je je hebt ingeschreven. Wil je nog even bevestigen dat dit jouw adres is? Daarna krijg je meteen je eerste les, en
        vanaf dan één keer per week een rustig moment in je inbox.
      </Text>
      <Button href={confirmUrl} style={{ backgroundColor: colors.accent, color: colors.accentText, fontFamily: fonts.sans, fontSize: "16px", fontWeight: 600, padding: "14px 22px", borderRadius: "6px" }}>
        Ja, schrijf me in
      </Button>
      <Text style={{ ...text, marginTop: "24px", fontSize: "15px", color: colors.muted }}>
        Heb je je niet zelf ingeschreven? Dan hoef je niets te doen: zonder bevestiging krijg je van ons geen mail meer. De link werkt zeven dagen.
      </Text>
    </Layout>
  );
}

ConfirmEmail.PreviewProps = { firstName: "Anna", confirmUrl: "http://localhost:8787/bevestig/voorbeeld" } satisfies ConfirmEmailProps;

export default ConfirmEmail;
