// The floor for bench/runtime.ts: the least a Bolt app in HTTP mode does for a slash command,
// answering `/delegering hjelp` in the ack body itself (no database, no response_url post).
// Started by the bench as a child process with the same variables as the real app.
import type { IncomingMessage, ServerResponse } from "node:http";
import { App, LogLevel } from "@slack/bolt";
import { z } from "zod";

const env = z
  .object({ SLACK_SIGNING_SECRET: z.string().min(1), SLACK_API_URL: z.url(), PORT: z.coerce.number().int() })
  .parse(process.env);

const app = new App({
  signingSecret: env.SLACK_SIGNING_SECRET,
  // authorize instead of a token: no auth.test at construction, as the real app does
  authorize: () => Promise.resolve({ botToken: "xoxb-bench", botId: "B0BOT", botUserId: "U0BOT" }),
  clientOptions: { slackApiUrl: env.SLACK_API_URL },
  logLevel: LogLevel.WARN,
  customRoutes: [
    {
      path: "/healthz",
      method: ["GET"],
      handler: (_req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"ok":true}');
      },
    },
  ],
});

app.command("/delegering", async ({ ack }) => {
  await ack({ response_type: "ephemeral", text: "Delegering: /delegering ny, status <DLG-n|orgnr|navn>, liste, hjelp" });
});

await app.start(env.PORT);
process.on("SIGTERM", () => {
  void app.stop().then(() => process.exit(0));
});
