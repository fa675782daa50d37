import { createHmac } from "node:crypto";

/** Headers Slack sends with a request: `v0=` HMAC-SHA256 of `v0:<timestamp>:<raw body>`. */
export function slackSignature(secret: string, rawBody: string, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
  return { "x-slack-signature": signature, "x-slack-request-timestamp": String(timestamp) };
}
