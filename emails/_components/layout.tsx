import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Link,
  Preview,
  Section,
  Text,
} from "@react-email/components";
import type { ReactNode } from "react";
import { colors, darkModeCss, fonts, heading, small, text, tone } from "./theme.ts";

export { colors, fonts, small, text, tone } from "./theme.ts";

/** The links at the foot of every mail to a subscriber: where to find help, pausing and leaving, and privacy. */
export type FooterLinks = { preferencesUrl: string; unsubscribeUrl: string; helpUrl: string; privacyUrl: string };

type Props = {
  /** The document's title, as mail apps and screen readers announce it: the mail's subject. */
  title: string;
  preview: string;
  children: ReactNode;
  /** Links at the foot of every mail a subscriber gets; absent on the confirmation mail (not yet subscribed). */
  footer?: FooterLinks;
};

const footerLink = { color: colors.accent, textDecoration: "underline" };

/** One calm column, readable on a phone, in light and dark mode. */
export function Layout({ title, preview, children, footer }: Props) {
  return (
    <Html lang="nl" dir="ltr">
      <Head>
        <title>{title}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: our own constant CSS, which React would escape as text */}
        <style dangerouslySetInnerHTML={{ __html: darkModeCss }} />
      </Head>
      <Preview>{preview}</Preview>
      <Body className={tone.page} style={{ backgroundColor: colors.page, margin: 0, padding: "16px 8px" }}>
        <Container
          className={tone.card}
          style={{ maxWidth: "560px", backgroundColor: colors.card, borderRadius: "8px", padding: "32px 24px" }}
        >
          {children}
          {footer ? (
            <Section>
              <Hr className={tone.line} style={{ borderColor: colors.line, margin: "40px 0 20px" }} />
              <Text className={tone.muted} style={small}>
                Wordt het je te veel? Praat erover met je huisarts. Denk je aan zelfdoding, bel dan dag en nacht gratis
                113 Zelfmoordpreventie (113 of 0800-0113) in Nederland, of de Zelfmoordlijn (1813) in België. In België
                kun je ook altijd met Tele-Onthaal praten: 106.{" "}
                <Link className={tone.link} data-text-link="block" href={footer.helpUrl} style={footerLink}>
                  Waar je hulp vindt
                </Link>
              </Text>
              <Text className={tone.muted} style={small}>
                Je krijgt deze mail omdat je je hebt ingeschreven voor Rust en richting. Even geen mail? Dat kan, zonder
                uitleg.
              </Text>
              <Text className={tone.muted} style={small}>
                <Link className={tone.link} data-text-link="block" href={footer.preferencesUrl} style={footerLink}>
                  Pauzeren of voorkeuren
                </Link>
                <span data-skip-in-text="true">{" · "}</span>
                <Link className={tone.link} data-text-link="block" href={footer.unsubscribeUrl} style={footerLink}>
                  Afmelden
                </Link>
                <span data-skip-in-text="true">{" · "}</span>
                <PrivacyLink href={footer.privacyUrl} />
              </Text>
            </Section>
          ) : null}
        </Container>
      </Body>
    </Html>
  );
}

/** The privacy statement: at the foot of every mail, and in the confirmation mail, which has no footer. */
export function PrivacyLink({ href }: { href: string }) {
  return (
    <Link className={tone.link} data-text-link="block" href={href} style={footerLink}>
      Privacy
    </Link>
  );
}

/** The mail's one h1. */
export function Title({ children }: { children: ReactNode }) {
  return (
    <Heading as="h1" className={tone.text} style={heading.h1}>
      {children}
    </Heading>
  );
}

/** A section heading (h2), in the sans-serif of the mail's small print or the serif of its text. */
export function Subheading({ children, quiet = false }: { children: ReactNode; quiet?: boolean }) {
  const style = quiet
    ? { ...heading.h2, fontFamily: fonts.sans, fontSize: "17px", fontWeight: 600, margin: "0 0 8px" }
    : heading.h2;
  return (
    <Heading as="h2" className={tone.text} style={style}>
      {children}
    </Heading>
  );
}

/**
 * A link as a button big enough to tap with a thumb: a 20px line plus 14px
 * padding above and below makes 48px. In the text part it gets a line of its own.
 */
export function ActionButton({
  href,
  children,
  align = "center",
}: {
  href: string | undefined;
  children: ReactNode;
  align?: "left" | "center";
}) {
  return (
    <Button
      href={href}
      className={tone.button}
      data-text-link="block"
      style={{
        display: "block",
        boxSizing: "border-box",
        width: "100%",
        backgroundColor: colors.accent,
        color: colors.accentText,
        fontFamily: fonts.sans,
        fontSize: "17px",
        lineHeight: "20px",
        fontWeight: 600,
        textAlign: align,
        padding: "14px 18px",
        borderRadius: "8px",
        margin: "0 0 12px",
      }}
    >
      {children}
    </Button>
  );
}

/** "Hoi Anna," or, without a name, "Hoi,". */
export function Greeting({ firstName }: { firstName?: string | undefined }) {
  return (
    <Text className={tone.text} style={text}>
      {firstName ? `Hoi ${firstName},` : "Hoi,"}
    </Text>
  );
}
