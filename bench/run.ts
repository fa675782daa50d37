// `npm run bench`: every benchmark script in turn. Figures only, never pass/fail.
import { benchHostileMail } from "./hostileMail.js";
import { benchLimits } from "./limits.js";
import { benchPollCost } from "./pollCost.js";
import { benchStatus } from "./status.js";

const benches: Array<[string, () => Promise<void>]> = [
  ["status", benchStatus],
  ["hostile mail", benchHostileMail],
  ["limits", benchLimits],
  ["polls", benchPollCost],
];

for (const [name, run] of benches) {
  console.log(`\n=== ${name} ===`);
  await run();
}
