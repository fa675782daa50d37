import { randomUUID } from "node:crypto";

/** Message-IDs are ours, made before sending, so a reply can be matched to the case. */
export function newMessageId(reference: string, from: string | undefined): string {
  const domain = from?.split("@")[1]?.replace(/[^A-Za-z0-9.-]/g, "") || "delegering.invalid";
  return `<${reference.toLowerCase()}.${randomUUID()}@${domain}>`;
}

/**
 * What preview mode names the file of one outbox row (`<name>.eml`): the case reference, with
 * the row's kind for everything but the order. The retention pass finds a case's files by it.
 */
export function previewName(reference: string, kind: string): string {
  return `${reference}${kind === "order" ? "" : `-${kind}`}`;
}
