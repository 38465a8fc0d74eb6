import { Body, Container, Head, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

export const colors = {
  page: "#f6f1ea",
  card: "#ffffff",
  text: "#2b2622",
  muted: "#5f564d",
  accent: "#7a4e2d",
  accentText: "#ffffff",
  line: "#e4ddd3",
  soft: "#f3ece3",
};

export const fonts = {
  serif: "Georgia, 'Times New Roman', serif",
  sans: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
};

export const text = { fontFamily: fonts.serif, fontSize: "17px", lineHeight: "1.65", color: colors.text, margin: "0 0 16px" };

type Props = {
  preview: string;
  children: ReactNode;
  /** Links at the foot of every mail a subscriber gets; absent on the confirmation mail (not yet subscribed). */
  footer?: { preferencesUrl: string; unsubscribeUrl: string };
};

/** One calm column, readable on a phone, in light and dark mode. */
export function Layout({ preview, children, footer }: Props) {
  return (
    <Html lang="nl" dir="ltr">
      <Head>
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: colors.page, margin: 0, padding: "24px 0" }}>
        <Container style={{ maxWidth: "560px", backgroundColor: colors.card, borderRadius: "8px", padding: "32px 24px" }}>
          {children}
          {footer ? (
            <Section>
              <Hr style={{ borderColor: colors.line, margin: "32px 0 16px" }} />
              <Text style={{ ...text, fontFamily: fonts.sans, fontSize: "14px", color: colors.muted }}>
                Je krijgt deze mail omdat je je hebt ingeschreven voor Rust en richting. Even geen mail? Dat kan, zonder uitleg.
              </Text>
              <Text style={{ ...text, fontFamily: fonts.sans, fontSize: "14px", color: colors.muted }}>
                <Link href={footer.preferencesUrl} style={{ color: colors.accent, textDecoration: "underline" }}>
                  Pauzeren of voorkeuren
                </Link>
                {" · "}
                <Link href={footer.unsubscribeUrl} style={{ color: colors.accent, textDecoration: "underline" }}>
                  Afmelden
                </Link>
              </Text>
            </Section>
          ) : null}
        </Container>
      </Body>
    </Html>
  );
}

/** "Hoi Anna," or, without a name, "Hoi,". */
export function Greeting({ firstName }: { firstName?: string | undefined }) {
  return <Text style={text}>{firstName ? `Hoi ${firstName},` : "Hoi,"}</Text>;
}
