import type { App } from "@slack/bolt";
import { z } from "zod";

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

/**
 * The text of a file someone gave a file_input: files.info for its private URL and size, then
 * the download with the bot token (Slack's private URLs need it). Never throws.
 */
export async function readSlackFile(client: App["client"], botToken: string, fileId: string, signal: AbortSignal): Promise<FileRead> {
  try {
    const info = fileInfo.safeParse(await client.files.info({ file: fileId }));
    if (!info.success) return { ok: false, problem: "unreadable", detail: "files.info answered in an unexpected shape" };
    if (info.data.file.size > maxImportFileBytes) return { ok: false, problem: "too_big" };
    const res = await fetch(info.data.file.url_private, { headers: { authorization: `Bearer ${botToken}` }, signal });
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
