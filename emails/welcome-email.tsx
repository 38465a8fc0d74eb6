import { Text } from "@react-email/components";
import { type FooterLinks, Greeting, Layout, Title, text, tone } from "./_components/layout.tsx";
import { previewLinks } from "./_components/preview-props.ts";

export type WelcomeEmailProps = {
  firstName?: string | undefined;
  /** A reader who comes back and goes on where they were: their next lesson, not their first. */
  returning?: boolean | undefined;
  /** When her lessons come, in words: "elke week op dinsdag rond 7:00 uur". */
  rhythm: string;
} & FooterLinks;

/**
 * Sent once, right after confirming, just before the first lesson. How the mails work is told
 * once, in the first lesson of each series; this mail says when they come and where to change it.
 */
export function WelcomeEmail({
  firstName,
  returning = false,
  rhythm,
  preferencesUrl,
  unsubscribeUrl,
  helpUrl,
  privacyUrl,
}: WelcomeEmailProps) {
  return (
    <Layout
      title="Welkom bij Rust en richting"
      preview="Wanneer je lessen komen, en waar je dat verandert."
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
          ? `Je lessen gaan verder waar je was: je krijgt ${rhythm} een nieuwe les.`
          : `Je eerste les komt zo meteen binnen. Daarna krijg je ${rhythm} een nieuwe les.`}
      </Text>
      <Text className={tone.text} style={text}>
        Past een andere dag of een ander uur je beter? Dat kies je op je eigen pagina, onder ‘Wanneer je je les krijgt’:
        de link staat onderaan elke mail.
      </Text>
    </Layout>
  );
}

WelcomeEmail.PreviewProps = {
  firstName: "Anna",
  rhythm: "elke week op maandag rond 7:00 uur",
  ...previewLinks,
} satisfies WelcomeEmailProps;

export default WelcomeEmail;
