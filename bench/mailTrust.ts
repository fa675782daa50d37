// Times what the app does with a hostile mail's text before anything else looks at it: the
// Authentication-Results parser (src/domain/authenticationResults.ts) and the defanging of text
// for Slack (mailText, src/slack/mrkdwn.ts), each on inputs of 10,000 to 1,000,000 characters
// shaped to make a backtracking parser slow (deep comments, endless quotes, thousands of
// resinfos). Prints the quickest of several runs per size (the one the shared machine disturbed
// least) and the ratio to the previous size: linear work gives about 10 for each 10× longer
// input, quadratic work about 100 (and minutes, not milliseconds, at a million characters).
// Figures, not a test.
//   npx tsx bench/mailTrust.ts
import { performance } from "node:perf_hooks";
import { ownServerResults, parseAuthenticationResults } from "../src/domain/authenticationResults.js";
import { mailText } from "../src/slack/mrkdwn.js";

const sizes = [10_000, 100_000, 1_000_000] as const;
const runs = 9;

const repeat = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

const inputs: Array<{ name: string; make: (n: number) => string; run: (s: string) => unknown }> = [
  { name: "A-R: many resinfos", make: (n) => `mx.fjorddata.no${repeat("; dkim=pass header.d=brreg.no", n)}`, run: parseAuthenticationResults },
  { name: "A-R: nested comments", make: (n) => `mx.fjorddata.no; dmarc=pass ${repeat("(", n / 2)}${repeat(")", n / 2)} header.from=brreg.no`, run: parseAuthenticationResults },
  { name: "A-R: unterminated comment", make: (n) => `mx.fjorddata.no; dmarc=pass (${repeat("\\( a;b=c ", n)}`, run: parseAuthenticationResults },
  { name: "A-R: unterminated quote", make: (n) => `mx.fjorddata.no; dmarc=pass reason="${repeat('\\" ;=( ', n)}`, run: parseAuthenticationResults },
  { name: "A-R: one long word", make: (n) => `mx.fjorddata.no; dmarc=pass header.from=${repeat("a", n)}`, run: parseAuthenticationResults },
  // Headers of 100 characters, none ours: every one is read for its authserv-id.
  {
    name: "A-R: foreign headers",
    make: (n) => Array.from({ length: n / 100 }, () => "mx.evil.example; dmarc=pass header.from=brreg.no".padEnd(100)).join("\n"),
    run: (s) => ownServerResults(s.split("\n"), "mx.fjorddata.no"),
  },
  { name: "mailText: dotted hosts", make: (n) => repeat("https://a.b.c.d.e.f.g.h/", n), run: mailText },
  { name: "mailText: dots, no host", make: (n) => repeat(". . .", n), run: mailText },
  { name: "mailText: digits and format chars", make: (n) => repeat("078964\u200B", n), run: mailText },
];

console.log(`quickest of ${runs} runs, ms (ratio to the size before)`);
console.log(["input".padEnd(36), ...sizes.map((n) => `${n.toLocaleString("en")} chars`.padStart(24))].join(""));
for (const input of inputs) {
  const cells: string[] = [];
  let previous: number | undefined;
  for (const n of sizes) {
    const text = input.make(n);
    input.run(text);
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const start = performance.now();
      input.run(text);
      times.push(performance.now() - start);
    }
    const ms = Math.min(...times);
    cells.push(`${ms.toFixed(2)}${previous ? ` (×${(ms / previous).toFixed(1)})` : ""}`.padStart(24));
    previous = ms;
  }
  console.log([input.name.padEnd(36), ...cells].join(""));
}
