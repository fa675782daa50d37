import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Config } from "../config.js";

/** An import list is a few kB; anything past this is not one. */
export const maxImportFileBytes = 200 * 1024;

const fileInfo = z.object({
  ok: z.literal(true),
  file: z.object({
    id: z.string(),
    size: z.number().int().nonnegative(),
    url_private: z.string().url(),
    mimetype: z.string().optional(),
  }),
});

export type FileRead = { ok: true; text: string } | { ok: false; problem: "too_big" | "not_text" | "unreadable"; detail?: string };

/** Where Slack serves every url_private. */
export const slackFileOrigin = "https://files.slack.com";

/**
 * Whether the bot token may go with a download from `url`. Only to Slack's file host, and to
 * the origin of SLACK_API_URL when it is set: every Web API call already carries the token
 * there, so a file served from it learns nothing new (the fake Slack of the tests serves its
 * files there). Compared by origin, that is scheme, host name and port: a name is not checked
 * against the address it resolves to (a name we do not own can be made to resolve anywhere),
 * so "localhost" is not "127.0.0.1", and https is not http.
 */
export function tokenMayGoTo(url: string, apiUrl: string | undefined): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.username !== "" || target.password !== "") return false;
  const allowed = [slackFileOrigin, ...(apiUrl ? [new URL(apiUrl).origin] : [])];
  return allowed.includes(target.origin);
}

/**
 * The text of a file someone gave a file_input: files.info for its private URL and size, then
 * the download with the bot token (Slack's private URLs need it), only from Slack's own file
 * host (tokenMayGoTo). Never throws.
 */
export async function readSlackFile(client: App["client"], slack: Pick<Config["slack"], "botToken" | "apiUrl">, fileId: string, signal: AbortSignal): Promise<FileRead> {
  try {
    const info = fileInfo.safeParse(await client.files.info({ file: fileId }));
    if (!info.success) return { ok: false, problem: "unreadable", detail: "files.info answered in an unexpected shape" };
    if (info.data.file.size > maxImportFileBytes) return { ok: false, problem: "too_big" };
    const url = info.data.file.url_private;
    if (!tokenMayGoTo(url, slack.apiUrl)) return { ok: false, problem: "unreadable", detail: `url_private is on ${originOf(url)}, where the bot token does not go: not downloaded` };
    // A redirect is not followed: its target could be any host. Slack answers a download that
    // carries the token with the file itself (a redirect means a sign-in page).
    const res = await fetch(url, { headers: { authorization: `Bearer ${slack.botToken}` }, redirect: "manual", signal });
    if (!res.ok) {
      await res.body?.cancel();
      return { ok: false, problem: "unreadable", detail: `download answered ${res.status}` };
    }
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.byteLength > maxImportFileBytes) return { ok: false, problem: "too_big" };
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return { ok: false, problem: "not_text" };
    }
    // A login page instead of the file (a token without files:read) or a binary file.
    if (text.includes("\u0000") || /^\s*<(!doctype|html)/i.test(text)) return { ok: false, problem: "not_text" };
    return { ok: true, text };
  } catch (error) {
    return { ok: false, problem: "unreadable", detail: String(error) };
  }
}

/** The origin of a URL for a log line (never its path or query, which could hold anything). */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "not a URL";
  }
}
