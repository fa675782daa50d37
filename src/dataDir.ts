import { chmod, stat } from "node:fs/promises";
import type { Logger } from "@slack/logger";

/**
 * DATA_DIR holds the embedded database and the mail previews, both full of names and addresses,
 * so only the app's own user may enter it. Whoever creates it (the embedded store, the preview
 * writer) makes it 0700; one found open to others (earlier versions made it 0755) is closed to
 * 0700 at start, with a warning. When that is not allowed (the folder belongs to someone else),
 * the warning says so and the app starts all the same: it is the operator's folder to fix.
 */
export async function keepDataDirPrivate(dir: string, logger: Logger): Promise<void> {
  const found = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
  if (!found || (found.mode & 0o077) === 0) return;
  const was = (found.mode & 0o777).toString(8);
  try {
    await chmod(dir, 0o700);
    logger.warn(`DATA_DIR ${dir} was open to other users (mode ${was}); it is now 0700, this user's only`);
  } catch (error) {
    logger.warn(`DATA_DIR ${dir} is open to other users (mode ${was}) and could not be made 0700 (${String(error)}): it holds personal data, restrict it`);
  }
}
