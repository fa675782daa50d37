import { redactIdentityNumbers } from "../domain/identityNumbers.js";

// People type names such as "<!channel> *Acme*". Slack mrkdwn has no escape character for
// formatting, so control characters become entities and formatting characters are fenced with
// zero-width spaces, which Slack renders as nothing but which stop bold/italic/strike/code.
const zwsp = "\u200B";

/** The three characters Slack reads even inside code: & < > (a `<!here>` there still pings). */
export function escapeEntities(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Text as a person typed it: Slack sends & < > in a slash command's text as entities. */
export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

export function escapeMrkdwn(text: string): string {
  return escapeEntities(text).replace(/[*_~`]/g, (c) => `${zwsp}${c}${zwsp}`);
}

/**
 * What someone typed, shown back to them (an unknown word, a query that found nothing): cut to
 * `max` characters, any national identity number in it removed, escaped for mrkdwn.
 */
export function echoTyped(text: string, max: number): string {
  return escapeMrkdwn(redactIdentityNumbers(text.trim().slice(0, max)));
}

/** Mentions a user by id; ids come from Slack itself, never from typed text. */
export function mention(userId: string): string {
  return /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

// Slack links any URL, bare domain (brreg-login.evil.example) or e-mail address (as mailto:) in
// a message, so a mail's text would read as a link from the app itself. Defanged, a dot between
// name characters becomes "[.]" (also the ideographic and full-width dots browsers take for one)
// and http(s) and ftp become hxxp(s) and fxp: the text still says where it points, and nothing is
// clickable.
const hostDot = /(?<=[\p{L}\p{N}_-])[.\u3002\uFF0E\uFF61](?=[\p{L}\p{N}])/gu;
const webScheme = /(?<![\p{L}\p{N}])(?:(h)tt(ps?)|(f)t(p))(?=\s*:)/giu;

/**
 * Text from an inbound mail, defanged so that Slack links nothing in it. Invisible format
 * characters go first (they could split a name so it escapes the defanging, or a number so it
 * escaped redaction), then identity numbers are redacted again.
 */
export function defanged(text: string): string {
  const visible = redactIdentityNumbers(text.replace(/\p{Cf}/gu, ""));
  const schemes = visible.replace(webScheme, (_, h?: string, ps?: string, f?: string, p?: string) => (h ? `${h}xx${ps}` : `${f}x${p}`));
  return schemes.replace(hostDot, "[.]");
}

/** Sender, subject or any other text taken from an inbound mail, for mrkdwn: defanged, then escaped. */
export function mailText(text: string): string {
  return escapeMrkdwn(defanged(text));
}
