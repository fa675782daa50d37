/**
 * `promise`'s value when it settles within `ms`, else `late`; the promise itself runs on. For
 * work before a Slack ack, which must not wait past Slack's 3 seconds.
 */
export async function within<T, L>(promise: Promise<T>, ms: number, late: L): Promise<T | L> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<L>((resolve) => (timer = setTimeout(() => resolve(late), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
