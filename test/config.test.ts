import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

const minimal = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", SLACK_CASE_CHANNEL: "C0CASES01" };

describe("loadConfig", () => {
  it("takes the defaults of DESIGN.md's table", () => {
    const c = loadConfig(minimal);
    expect(c.slack.mode).toBe("http");
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.mail.brregOrderEmail).toBe("opendata@brreg.no");
    expect(c.mail.smtpUrl).toBeUndefined();
    expect(c.enhetsregisteret.url).toBe("https://data.brreg.no/enhetsregisteret/api");
    expect(c.locale).toBe("nb");
    expect(c.maskinporten).toBeUndefined();
  });

  it("chooses Socket Mode when an app token is set", () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1", SLACK_CASE_CHANNEL: "C0CASES01" });
    expect(c.slack.mode).toBe("socket");
  });

  it("lists every problem in one error, each with what to set", () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: "mysql://nope", SLACK_SIGNING_SECRET: "s", SMTP_URL: "smtp://localhost:25", LOCALE: "de", PORT: "x" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/SLACK_BOT_TOKEN missing: create the app from manifest\.yml/);
    expect(message).toMatch(/DATABASE_URL malformed: use postgresql:\/\//);
    expect(message).toMatch(/SLACK_CASE_CHANNEL missing/);
    expect(message).toMatch(/MAIL_FROM missing/);
    expect(message).toMatch(/LOCALE/);
    expect(message).toMatch(/PORT must be a whole number/);
    expect((error as ConfigError).problems).toHaveLength(6);
  });

  it("takes whole days and hours for reminders, and fractions only where they make sense", () => {
    expect(() => loadConfig({ ...minimal, REMINDER_DAYS_AWAITING_BRREG: "2.5" })).toThrow(/REMINDER_DAYS_AWAITING_BRREG must be a whole number from 1 to 60/);
    expect(() => loadConfig({ ...minimal, REMINDER_HOUR: "9.5" })).toThrow(/REMINDER_HOUR/);
    expect(loadConfig({ ...minimal, OUTBOX_GIVE_UP_HOURS: "0.5" }).mail.giveUpHours).toBe(0.5);
  });

  it("takes Maskinporten's environment from its URL, and refuses the two disagreeing", () => {
    const mp = { MASKINPORTEN_CLIENT_ID: "abc", MASKINPORTEN_KID: "k1", MASKINPORTEN_PRIVATE_KEY_FILE: import.meta.filename };
    expect(loadConfig({ ...minimal, ...mp, MASKINPORTEN_URL: "https://maskinporten.no/" }).maskinporten?.env).toBe("prod");
    expect(loadConfig({ ...minimal, ...mp }).maskinporten).toMatchObject({ env: "test", url: "https://test.maskinporten.no/" });
    expect(() => loadConfig({ ...minimal, ...mp, MASKINPORTEN_ENV: "test", MASKINPORTEN_URL: "https://maskinporten.no/" })).toThrow(/MASKINPORTEN_ENV is test but MASKINPORTEN_URL/);
    expect(loadConfig({ ...minimal, ...mp, MASKINPORTEN_URL: "http://127.0.0.1:8443/" }).maskinporten?.env).toBe("test");
  });

  it("requires the three Maskinporten settings together", () => {
    expect(() => loadConfig({ ...minimal, MASKINPORTEN_CLIENT_ID: "abc" })).toThrow(/MASKINPORTEN_KID/);
  });
});

describe("MAIL_FROM", () => {
  const from = (value: string) => loadConfig({ ...minimal, MAIL_FROM: value }).mail;

  it("takes a plain address, or one with a display name, quoted or not", () => {
    expect(from("delegering@tindekode.no")).toMatchObject({ from: "delegering@tindekode.no", fromName: undefined });
    expect(from("Tindekode Delegering <delegering@tindekode.no>")).toMatchObject({ from: "delegering@tindekode.no", fromName: "Tindekode Delegering" });
    expect(from('"Tindekode, \\"Delegering\\"" <delegering@tindekode.no>')).toMatchObject({ from: "delegering@tindekode.no", fromName: 'Tindekode, "Delegering"' });
    expect(from("  <delegering@tindekode.no> ")).toMatchObject({ from: "delegering@tindekode.no", fromName: undefined });
    expect(from("Tindekode Ødegård <delegering@tindekode.no>").fromName).toBe("Tindekode Ødegård");
  });

  it.each([
    ["a line break in the name", "Tindekode\r\nBcc: x@evil.no <delegering@tindekode.no>", /line break/],
    ["a line break after the address", "delegering@tindekode.no\nBcc: x@evil.no", /line break/],
    ["an unbalanced quote", 'Tinde"kode <delegering@tindekode.no>', /quote/],
    ["two addresses", "a@tindekode.no, b@tindekode.no", /e-mail address/],
    ["a bracket too many", "Tindekode <<delegering@tindekode.no>>", /e-mail address/],
    ["no domain", "Tindekode <delegering>", /e-mail address/],
  ])("refuses %s", (_what, value, problem) => {
    expect(() => from(value)).toThrow(problem);
    expect(() => from(value)).toThrow(/MAIL_FROM/);
  });
});
