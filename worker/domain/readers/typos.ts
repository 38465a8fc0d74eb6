import emailMisspelled, { top100 } from "email-misspelled";

/** Where Dutch and Belgian readers have their mail, besides the world's hundred largest providers. */
const HOME_DOMAINS = [
  "gmail.com",
  "googlemail.com",
  "hotmail.com",
  "hotmail.nl",
  "hotmail.be",
  "live.nl",
  "live.be",
  "live.com",
  "outlook.com",
  "outlook.be",
  "msn.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "yahoo.com",
  "ziggo.nl",
  "kpnmail.nl",
  "kpnplanet.nl",
  "planet.nl",
  "hetnet.nl",
  "home.nl",
  "xs4all.nl",
  "upcmail.nl",
  "chello.nl",
  "casema.nl",
  "online.nl",
  "zeelandnet.nl",
  "caiway.nl",
  "solcon.nl",
  "tele2.nl",
  "telfort.nl",
  "quicknet.nl",
  "telenet.be",
  "skynet.be",
  "proximus.be",
  "scarlet.be",
  "proton.me",
  "protonmail.com",
  "gmx.net",
];

/**
 * Only near misses: one letter more or less at most (`ziggo.n`), and at most two letters
 * changed or swapped (`hotmial.com`), so a real, short domain is not taken for another.
 */
const check = emailMisspelled({
  domains: [...new Set([...HOME_DOMAINS, ...top100])],
  lengthDiffMax: 1,
  maxMisspelled: 2,
});

/** The domain without its last label: `gmail` of `gmail.com`. */
const base = (domain: string) => domain.slice(0, domain.lastIndexOf(".") + 1 || undefined);

/** The address as the reader probably meant it (`anna@gmail.con` → `anna@gmail.com`), or null when it looks right. */
export function likelyMeant(email: string): string | null {
  const at = email.lastIndexOf("@");
  if (at < 1) return null;
  const typed = email.slice(at + 1).toLowerCase();
  // A whole other country code on a known name (yahoo.nl, telenet.nl) is a real choice, not a slip: only one letter off counts there.
  const best = check(email.toLowerCase()).find(
    (result) => result.misspelledCount <= 1 || base(result.suggest) !== base(typed),
  );
  return best ? `${email.slice(0, at)}@${best.suggest}` : null;
}
