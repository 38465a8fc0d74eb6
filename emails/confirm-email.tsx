import { Text } from "@react-email/components";
import { ActionButton, Greeting, Layout, PrivacyLink, small, Title, text, tone } from "./_components/layout.tsx";

export type ConfirmEmailProps = {
  firstName?: string | undefined;
  confirmUrl: string;
  /** What signing up means for her data: she reads it before she consents. */
  privacyUrl: string;
  /** A reader who had lessons before: after confirming, they choose to go on or begin again. */
  returning?: boolean | undefined;
};

/** Double opt-in: nothing else is sent until the reader clicks the button. */
export function ConfirmEmail({ firstName, confirmUrl, privacyUrl, returning = false }: ConfirmEmailProps) {
  return (
    <Layout title="Bevestig je inschrijving" preview="Nog even bevestigen, dan ben je ingeschreven.">
      <Title>Bevestig je inschrijving</Title>
      <Greeting firstName={firstName} />
      <Text className={tone.text} style={text}>
        {returning
          ? "Fijn dat je terug wilt komen bij Rust en richting. Wil je nog even bevestigen dat dit jouw adres is? Daarna kies je of je verdergaat waar je was, of opnieuw begint bij les 1."
          : "Fijn dat je je hebt ingeschreven voor Rust en richting. Wil je nog even bevestigen dat dit jouw adres is? Dan krijg je meteen je eerste les, en daarna één keer per week een rustig moment in je mailbox."}
      </Text>
      <ActionButton href={confirmUrl}>Ja, schrijf me in</ActionButton>
      <Text className={tone.muted} style={{ ...small, marginTop: "24px" }}>
        Heb je je niet zelf ingeschreven? Dan hoef je niets te doen. Zonder bevestiging krijg je van ons geen mail meer.
        De link werkt zeven dagen.
      </Text>
      <Text className={tone.muted} style={small}>
        Wat we van je bewaren en waarom: <PrivacyLink href={privacyUrl} />
      </Text>
    </Layout>
  );
}

ConfirmEmail.PreviewProps = {
  firstName: "Anna",
  confirmUrl: "http://localhost:8787/bevestig/voorbeeld",
  privacyUrl: "http://localhost:8787/privacy",
} satisfies ConfirmEmailProps;

export default ConfirmEmail;
