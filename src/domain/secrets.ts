import { redactIdentityNumbers } from "./identityNumbers.js";

// What must never reach a log line, whatever put it there (an error message quoting a request,
// a config value, a mail body): credentials and national identity numbers. Patterns err on the
// side of redacting: a lost log detail costs less than a leaked token.
const rules: ReadonlyArray<readonly [RegExp, string]> = [
  // PEM blocks, also cut off ones (no END line) and ones whose line breaks were escaped (\n).
  [/-----BEGIN [A-Z0-9 ]*-----[\s\S]*?(?:-----END [A-Z0-9 ]*-----|$)/g, "[redacted PEM block]"],
  // JWTs: base64url of a JSON header ("eyJ" is `{"`), a payload and an optional signature.
  // Tried once per run of base64url characters, from the first "eyJ" at a word boundary in it
  // (found in a lookahead, which is never backtracked into): every later one in the run ends its header
  // where the first does, so it can only fail too, and trying each made "eyJ-eyJ-…" quadratic.
  [/(?<![A-Za-z0-9_-])(?=((?:[A-Za-z0-9_-]*?-)??)eyJ)\1eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, "$1[redacted JWT]"],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, "$1 [redacted]"],
  // Slack tokens: bot, user, app-level, refresh, configuration.
  [/\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+/g, "[redacted Slack token]"],
  // The password of a URL's user info (SMTP_URL, IMAP_URL, DATABASE_URL in an error message).
  // The scheme is a whole run of scheme characters, so each run is tried once ("a.a.a…" was
  // tried from every letter after a dot, quadratic).
  [/(?<![a-z0-9+.-])([a-z0-9+.-]+:\/\/[^\s:/@]*:)[^\s/@]+@/gi, "$1[redacted]@"],
];

/** The text with tokens, private keys, URL passwords and identity numbers replaced. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of rules) out = out.replace(pattern, replacement);
  return redactIdentityNumbers(out);
}
