import type { Catalog } from "./locale.js";

// What the delivery of notices itself says: when the case channel refuses the app, and the
// plain-text stand-in for a message Slack refused. Arguments arrive escaped for mrkdwn.
const nb = {
  channelUnavailable: (channel: string, error: string, reference: string) =>
    `:warning: Jeg får ikke skrevet i <#${channel}> (Slack svarer \`${error}\`), så meldingene om ${reference} og andre saker venter. Inviter appen til kanalen (\`/invite @Delegering\` i kanalen), eller sett \`SLACK_CASE_CHANNEL\` til en kanal appen er med i og start appen på nytt. Alt som venter, kommer i tråden så snart kanalen virker.`,
  refused: (reference: string, error: string, text: string) => `${reference}: Slack tok ikke imot hele meldingen (\`${error}\`). Kort fortalt: ${text}`,
  dmUndelivered: (reference: string, owner: string, error: string, text: string) =>
    `${reference}: direktemeldingen til ${owner} kom ikke fram (\`${error}\`). Den handlet om: ${text}`,
  owed: (count: string) => `:hourglass_flowing_sand: ${count} melding(er) om saken venter på Slack og kommer i tråden så snart Slack tar imot dem.`,
};

const en: typeof nb = {
  channelUnavailable: (channel, error, reference) =>
    `:warning: I cannot post in <#${channel}> (Slack answers \`${error}\`), so the messages about ${reference} and other cases are waiting. Invite the app to the channel (\`/invite @Delegering\` in the channel), or set \`SLACK_CASE_CHANNEL\` to a channel the app is in and restart it. Everything that waits arrives in the thread as soon as the channel works.`,
  refused: (reference, error, text) => `${reference}: Slack did not take the whole message (\`${error}\`). In short: ${text}`,
  dmUndelivered: (reference, owner, error, text) => `${reference}: the direct message to ${owner} did not arrive (\`${error}\`). It was about: ${text}`,
  owed: (count) => `:hourglass_flowing_sand: ${count} message(s) about the case are waiting for Slack and arrive in the thread as soon as Slack takes them.`,
};

export const noticeText: Catalog<typeof nb> = { nb, en };
