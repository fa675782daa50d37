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
