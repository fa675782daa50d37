import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const script = new URL("../scripts/build-if-stale.mjs", import.meta.url).pathname;

// A stand-in project whose `npm run build` only writes the outputs and counts its runs: the
// script's decisions are tested without spending seconds in prisma generate and tsc.
const fakeBuild = [
  'const fs = require("node:fs");',
  'fs.mkdirSync("dist", { recursive: true });',
  'fs.mkdirSync("src/generated/prisma", { recursive: true });',
  'fs.writeFileSync("dist/main.js", "");',
  'fs.writeFileSync("src/generated/prisma/client.ts", "");',
  'fs.appendFileSync("builds.log", "built\\n");',
].join(" ");

async function project(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "delegering-build-"));
  await mkdir(join(dir, "src"), { recursive: true });
  await mkdir(join(dir, "prisma"), { recursive: true });
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "fake", private: true, scripts: { build: `node -e '${fakeBuild}'` } }));
  await writeFile(join(dir, "package-lock.json"), "{}");
  await writeFile(join(dir, "tsconfig.json"), "{}");
  await writeFile(join(dir, "prisma/schema.prisma"), "");
  await writeFile(join(dir, "src/main.ts"), "");
  // Sources older than any build, as after a checkout.
  const past = new Date(Date.now() - 60_000);
  for (const f of ["package-lock.json", "tsconfig.json", "prisma/schema.prisma", "src/main.ts"]) await utimes(join(dir, f), past, past);
  return dir;
}

function run(cwd: string): string {
  const result = spawnSync(process.execPath, [script], { cwd, encoding: "utf8" });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

const builds = async (dir: string) => (await readFile(join(dir, "builds.log"), "utf8")).split("\n").filter(Boolean).length;

describe("build-if-stale (npm start's prestart)", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await project();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("builds when there is no build, then not again while nothing changed", async () => {
    expect(run(dir)).toMatch(/building, because dist\/main\.js is missing/);
    expect(await builds(dir)).toBe(1);
    const built = (await stat(join(dir, "dist/main.js"))).mtimeMs;

    expect(run(dir)).toMatch(/up to date/);
    expect(await builds(dir)).toBe(1);
    expect((await stat(join(dir, "dist/main.js"))).mtimeMs).toBe(built);
  });

  it("builds again when a source, the schema or the lock file is newer than the build, naming it", async () => {
    run(dir);
    const later = new Date(Date.now() + 5_000);
    for (const [n, file] of ["src/main.ts", "prisma/schema.prisma", "package-lock.json"].entries()) {
      const when = new Date(later.getTime() + n * 5_000);
      await utimes(join(dir, file), when, when);
      expect(run(dir)).toContain(`building, because ${file} changed since the last build`);
      expect(await builds(dir)).toBe(n + 2);
      // The stamp is the time the build began: move the touched file back behind it.
      const past = new Date(Date.now() - 60_000);
      await utimes(join(dir, file), past, past);
      expect(run(dir)).toMatch(/up to date/);
    }
  });

  it("does not count what the build generates into src/generated as a change", async () => {
    run(dir);
    const later = new Date(Date.now() + 5_000);
    await utimes(join(dir, "src/generated/prisma/client.ts"), later, later);
    expect(run(dir)).toMatch(/up to date/);
  });

  it("builds when a build output went missing", async () => {
    run(dir);
    await rm(join(dir, "src/generated"), { recursive: true });
    expect(run(dir)).toMatch(/building, because src\/generated\/prisma\/client\.ts is missing/);
  });
});
