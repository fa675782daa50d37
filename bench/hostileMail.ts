// Reads hostile mail at growing sizes, up to the 5 MB the mailbox watcher reads of a message,
// and prints how long each read took and the longest the event loop went without a turn
// meanwhile: what /healthz and Slack's acks wait for. Not a test: figures only.
//   npx tsx bench/hostileMail.ts      (npm run bench runs it too)
import { performance } from "node:perf_hooks";
import { parseMail } from "../src/mail/parseMail.js";
import { maxSourceBytes } from "../src/mail/inboxWatcher.js";
import { blankLineReport } from "../test/mail/inboxMail.js";

const sizes = [64 * 1024, 600 * 1024, maxSourceBytes];
const runs = 3;

/** Plain text from the mailer daemon, `size` bytes, its body `unit` over and over. */
function daemonMail(size: number, unit: string): string {
  const head = "From: MAILER-DAEMON@mx.evil.example\r\nTo: delegering@fjorddata.no\r\nSubject: x\r\nContent-Type: text/plain\r\n\r\n";
  return head + unit.repeat(Math.floor((size - head.length) / unit.length));
}

const shapes: Array<[string, (size: number) => string]> = [
  ["report of blank lines", (size) => blankLineReport(size)],
  ["mailer-daemon text of blank lines", (size) => daemonMail(size, "\r\n")],
  ["mailer-daemon text of '<@@@…'", (size) => daemonMail(size, `<${"@".repeat(300)}`)],
  ["mailer-daemon text of grouped digits", (size) => daemonMail(size, "0789 6498 767 ")],
];

/** The read's time and the event loop's longest wait for a turn during it, in ms. */
async function timed(raw: Buffer): Promise<{ ms: number; longestWait: number }> {
  let last = performance.now();
  let longestWait = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestWait = Math.max(longestWait, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  await parseMail(raw);
  const ms = performance.now() - started;
  clearInterval(ticker);
  return { ms, longestWait: Math.max(longestWait, performance.now() - last) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchHostileMail(): Promise<void> {
  console.log(`median of ${runs} reads; "longest wait": the event loop's longest time without a turn during a read`);
  for (const [name, build] of shapes) {
    for (const size of sizes) {
      const raw = Buffer.from(build(size));
      const results: Array<{ ms: number; longestWait: number }> = [];
      for (let i = 0; i < runs; i++) results.push(await timed(raw));
      const kb = Math.round(raw.length / 1024);
      console.log(`${name.padEnd(38)} ${String(kb).padStart(5)} KB: ${median(results.map((r) => r.ms)).toFixed(0).padStart(5)} ms, longest wait ${median(results.map((r) => r.longestWait)).toFixed(0).padStart(4)} ms`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchHostileMail();
