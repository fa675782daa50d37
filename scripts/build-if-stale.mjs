// `npm start` runs this first: it builds (`npm run build`: prisma generate + tsc) only when the
// build is missing or older than what it is made from, so a start after the first one does not
// spend 3–4 s regenerating and recompiling what has not changed.
//
// A stamp file written after a successful build marks when the build finished; comparing the
// sources with it (rather than with dist/'s own files) does not depend on whether the compiler
// rewrites outputs it finds unchanged, and a build that failed half-way leaves no stamp.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = process.cwd();
const stamp = join(root, "dist", ".build-stamp");
/** What the start needs; any of them missing means build. */
const outputs = ["dist/main.js", "src/generated/prisma/client.ts"];
/** What the build is made from: files, or folders searched whole. */
const sources = ["src", "prisma/schema.prisma", "prisma.config.ts", "tsconfig.json", "tsconfig.build.json", "package-lock.json"];
/** Written by the build itself: never a reason to build again. */
const generated = join(root, "src", "generated");

/** The newest file under `path` (itself when a file), or undefined when there is none. */
function newest(path) {
  if (path === generated || !existsSync(path)) return undefined;
  const stat = statSync(path);
  if (!stat.isDirectory()) return { path, mtimeMs: stat.mtimeMs };
  let best;
  for (const entry of readdirSync(path)) {
    const found = newest(join(path, entry));
    if (found && (!best || found.mtimeMs > best.mtimeMs)) best = found;
  }
  return best;
}

/** Why a build is needed, or undefined when the build is current. */
function reasonToBuild() {
  const missing = outputs.find((o) => !existsSync(join(root, o)));
  if (missing) return `${missing} is missing`;
  if (!existsSync(stamp)) return "no record of a finished build";
  const builtAt = statSync(stamp).mtimeMs;
  for (const source of sources) {
    const found = newest(join(root, source));
    if (found && found.mtimeMs > builtAt) return `${relative(root, found.path)} changed since the last build`;
  }
  return undefined;
}

const reason = reasonToBuild();
if (!reason) {
  console.log("build: up to date, not rebuilding");
  process.exit(0);
}
console.log(`build: building, because ${reason}`);
const startedAt = new Date();
const result = spawnSync("npm", ["run", "--silent", "build"], { stdio: "inherit", cwd: root });
if (result.status !== 0) process.exit(result.status ?? 1);
// The stamp carries the time the build began: a source saved while it ran is newer, so the
// next start builds again instead of running code compiled from the older text.
writeFileSync(stamp, `${startedAt.toISOString()}\n`);
utimesSync(stamp, startedAt, startedAt);
