// The floor for bench/runtime.ts: the least a Bolt app in HTTP mode does for a slash command,
// answering `/delegering hjelp` in the ack body itself (no database, no response_url post), with
// the same answer the app gives (its help blocks, some 2 kB, from the build), so the comparison
// is of what the app does around the answer, not of the answer's size.
// Plain JavaScript run by plain `node`, as the app's build is: a TypeScript loader would add its
// own memory and start time to the floor. Started by the bench with the app's variables.
import bolt from "@slack/bolt";
import { helpBlocks } from "../dist/slack/views/help.js";

const { App, LogLevel } = bolt;
const port = Number(process.env.PORT);
if (!process.env.SLACK_SIGNING_SECRET || !process.env.SLACK_API_URL || !Number.isInteger(port)) {
  throw new Error("bareBolt needs SLACK_SIGNING_SECRET, SLACK_API_URL and PORT");
}

const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  // authorize instead of a token: no auth.test at construction, as the real app does
  authorize: () => Promise.resolve({ botToken: "xoxb-bench", botId: "B0BOT", botUserId: "U0BOT" }),
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  logLevel: LogLevel.WARN,
  customRoutes: [
    {
      path: "/healthz",
      method: ["GET"],
      handler: (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"ok":true}');
      },
    },
  ],
});

app.command("/delegering", async ({ ack }) => {
  await ack({ response_type: "ephemeral", ...helpBlocks("nb") });
});

await app.start(port);
process.on("SIGTERM", () => {
  void app.stop().then(() => process.exit(0));
});
