import { randomUUID } from "node:crypto";

/** Message-IDs are ours, made before sending, so a reply can be matched to the case. */
export function newMessageId(reference: string, from: string | undefined): string {
  const domain = from?.split("@")[1]?.replace(/[^A-Za-z0-9.-]/g, "") || "delegering.invalid";
  return `<${reference.toLowerCase()}.${randomUUID()}@${domain}>`;
}
