// Preloaded into the app by bench/heap.ts (`node --import …/memoryProbe.mjs dist/main.js`): on
// SIGUSR2 it collects garbage, writes the process's own memory figures and a heap snapshot into
// MEMORY_PROBE_DIR, then `done.json` last, which the bench waits for. Nothing else is touched.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";

const dir = process.env.MEMORY_PROBE_DIR;
if (dir) {
  process.on("SIGUSR2", () => {
    // --expose-gc is not needed: a full collection through the V8 flag, in a throwaway context.
    v8.setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc");
    gc();
    const usage = process.memoryUsage();
    const heap = v8.getHeapStatistics();
    const spaces = v8.getHeapSpaceStatistics().map((s) => ({ name: s.space_name, size: s.space_size, used: s.space_used_size }));
    const code = v8.getHeapCodeStatistics();
    v8.writeHeapSnapshot(join(dir, "app.heapsnapshot"));
    writeFileSync(join(dir, "done.json"), JSON.stringify({ usage, heap, spaces, code }));
  });
}
