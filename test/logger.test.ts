import { generateKeyPairSync } from "node:crypto";
import { LogLevel } from "@slack/logger";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { redactSecrets } from "../src/domain/secrets.js";
import { AppLogger, type LogFormat } from "../src/logger.js";

function recording(format: LogFormat, level: "debug" | "info" | "warn" | "error" = "debug") {
  const lines: Array<{ stream: string; line: string }> = [];
  const logger = new AppLogger(format, level, "delegering", (stream, line) => lines.push({ stream, line }));
  return { logger, lines };
}

const pem = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const jwt = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzY29wZSI6ImJycmVnOnJlZWxsZSJ9.c2lnbmF0dXJlLWJ5dGVz";
const secrets = {
  bot: "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx",
  app: "xapp-1-A0APP-1234567890-abcdef0123456789",
  user: "xoxp-1111-2222-3333-abcdef",
  bearer: "Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0",
  jwt,
  key: pem,
  identity: "010190 12345",
  smtp: "smtp://delegering:hemmelig-passord@mail.example.no:587",
};
const leaks = ["1234567890-0987654321", "A0APP-1234567890", "1111-2222", "9f8e7d6c5b4a", jwt.slice(0, 20), "MII", "hemmelig-passord", "12345"];

describe("redactSecrets", () => {
  it("removes Slack tokens, Bearer tokens, JWTs, PEM keys, URL passwords and identity numbers", () => {
    const out = redactSecrets(Object.values(secrets).join(" | "));
    for (const leak of leaks) expect(out).not.toContain(leak);
    expect(out).toContain("[redacted Slack token]");
    expect(out).toContain("Bearer [redacted]");
    expect(out).toContain("[redacted JWT]");
    expect(out).toContain("[redacted PEM block]");
    expect(out).toContain("[fødselsnummer fjernet]");
    expect(out).toContain("smtp://delegering:[redacted]@mail.example.no:587");
  });

  it("removes a PEM block whose line breaks were escaped, and one cut off before its END line", () => {
    expect(redactSecrets(JSON.stringify({ key: pem }))).not.toContain("MII");
    expect(redactSecrets(`key: ${pem.slice(0, 200)}`)).toBe("key: [redacted PEM block]");
  });

  it("redacts a JWT or URL password after other characters of its alphabet, keeping those", () => {
    expect(redactSecrets(`token=id-${jwt}`)).toBe("token=id-[redacted JWT]");
    expect(redactSecrets(`eyJ-x-${jwt}`)).toBe("[redacted JWT]");
    expect(redactSecrets(`x${jwt}`)).toBe(`x${jwt}`);
    expect(redactSecrets("at 1.postgres://app:hemmelig@db/x")).toBe("at 1.postgres://app:[redacted]@db/x");
    expect(redactSecrets("(smtps://delegering:hemmelig@mail.example.no)")).toBe("(smtps://delegering:[redacted]@mail.example.no)");
  });

  it("leaves ordinary text, org numbers and Slack ids alone", () => {
    const text = "DLG-12 for 812345672 by U0ALICE in C0CASES01 at 1700000000.123456 took 12 ms";
    expect(redactSecrets(text)).toBe(text);
  });
});

describe("the app's logger", () => {
  it("json: one object a line with time, level, name and msg; info to stdout, warn and error to stderr", () => {
    const { logger, lines } = recording("json");
    logger.info("Delegering is running", { port: 3000 });
    logger.error(new Error("boom"));
    expect(lines.map((l) => l.stream)).toEqual(["stdout", "stderr"]);
    for (const { line } of lines) expect(line).not.toContain("\n");
    const [info, error] = lines.map((l) => JSON.parse(l.line) as Record<string, unknown>);
    expect(Object.keys(info ?? {})).toEqual(["time", "level", "name", "msg"]);
    expect(info).toMatchObject({ level: "info", name: "delegering", msg: "Delegering is running { port: 3000 }" });
    expect(new Date(String(info?.time)).toISOString()).toBe(info?.time);
    expect(error).toMatchObject({ level: "error", name: "delegering" });
    expect(String(error?.msg)).toMatch(/^Error: boom\n\s+at /);
  });

  it("text: ConsoleLogger's layout", () => {
    const { logger, lines } = recording("text");
    logger.warn("Slack did not answer auth.test");
    expect(lines).toEqual([{ stream: "stderr", line: "[WARN]  delegering Slack did not answer auth.test" }]);
  });

  it.each(["text", "json"] as const)("%s: never carries a token, a key or an identity number, in strings, objects or errors", (format) => {
    const { logger, lines } = recording(format);
    logger.info(`token ${secrets.bot}`, { headers: { authorization: secrets.bearer }, appToken: secrets.app });
    logger.warn(new Error(`request failed for ${secrets.identity}: ${secrets.jwt}`));
    logger.error("key", { pem: secrets.key }, secrets.user, secrets.smtp);
    const all = lines.map((l) => l.line).join("\n");
    for (const leak of leaks) expect(all).not.toContain(leak);
    expect(lines).toHaveLength(3);
  });

  it("drops what is below its level, and follows setLevel", () => {
    const { logger, lines } = recording("json", "warn");
    logger.info("not this");
    logger.debug("nor this");
    logger.warn("this");
    logger.setLevel(LogLevel.DEBUG);
    logger.debug("and this");
    expect(lines.map((l) => (JSON.parse(l.line) as { msg: string }).msg)).toEqual(["this", "and this"]);
    expect(logger.getLevel()).toBe(LogLevel.DEBUG);
  });
});

describe("LOG_FORMAT", () => {
  const base = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", SLACK_CASE_CHANNEL: "C0CASES01" };
  it("is text unless set to json, and anything else is refused", () => {
    expect(loadConfig(base).logFormat).toBe("text");
    expect(loadConfig({ ...base, LOG_FORMAT: "JSON" }).logFormat).toBe("json");
    expect(() => loadConfig({ ...base, LOG_FORMAT: "xml" })).toThrow(/LOG_FORMAT/);
  });
});
