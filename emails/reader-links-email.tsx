import { Link, Text } from "@react-email/components";
import {
  ActionButton,
  colors,
  type FooterLinks,
  Greeting,
  Layout,
  small,
  Title,
  text,
  tone,
} from "./_components/layout.tsx";
import { previewLinks } from "./_components/preview-props.ts";

export type ReaderLinksEmailProps = { firstName?: string | undefined; journalUrl: string } & FooterLinks;

/**
 * For a reader who signs up while already subscribed: nothing changes, and here are their own
 * links again. It is the way back in for a reader who lost her mails.
 */
export function ReaderLinksEmail({
  firstName,
  journalUrl,
  preferencesUrl,
  unsubscribeUrl,
  helpUrl,
  privacyUrl,
}: ReaderLinksEmailProps) {
  return (
    <Layout
      title="Je eigen links voor Rust en richting"
      preview="Je bent al ingeschreven. Hier zijn je eigen links."
      footer={{ preferencesUrl, unsubscribeUrl, helpUrl, privacyUrl }}
    >
      <Title>Je bent al ingeschreven</Title>
      <Greeting firstName={firstName} />
      <Text className={tone.text} style={text}>
        Je schreef je in voor Rust en richting, maar dit adres staat al bij ons ingeschreven. Er verandert dus niets.
        Voor als je ze zoekt, zijn hier je eigen links.
      </Text>
      <ActionButton href={preferencesUrl}>Mijn pagina: pauzeren en voorkeuren</ActionButton>
      <ActionButton href={journalUrl}>Mijn reflecties</ActionButton>
      <Text className={tone.text} style={text}>
        Liever geen mail meer?{" "}
        <Link className={tone.link} data-text-link="block" href={unsubscribeUrl} style={{ color: colors.accent }}>
          Meld je hier af
        </Link>
      </Text>
      <Text className={tone.muted} style={{ ...small, marginTop: "24px" }}>
        Heb je dit niet zelf gedaan? Dan vulde iemand anders je adres in. Je hoeft niets te doen; er is niets veranderd.
        Deze links zijn alleen voor jou: stuur deze mail liever niet door.
      </Text>
    </Layout>
  );
}

ReaderLinksEmail.PreviewProps = {
  firstName: "Anna",
  journalUrl: "http://localhost:8787/voorkeuren/voorbeeld/reflecties",
  ...previewLinks,
} satisfies ReaderLinksEmailProps;

export default ReaderLinksEmail;
