import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";
import { clientFor } from "../src/maskinportenSettings.js";
import { scopes } from "../src/domain/scopes.js";

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
    expect(c.maskinporten).toEqual({});
    expect(c.delegationPoll).toEqual({ minSeconds: 900, maxSeconds: 14400, giveUpDays: 30, recheckHours: 24, workHoursSeconds: 300, fastDays: 5 });
    expect(c.rrh).toEqual({ testUrl: "https://rrh.ppe.brreg.no/api/oppslag" });
  });

  it("keeps personal data RETENTION_DAYS after a case closes: a year unless set, in whole days", () => {
    expect(loadConfig(minimal).retentionDays).toBe(365);
    expect(loadConfig({ ...minimal, RETENTION_DAYS: "90" }).retentionDays).toBe(90);
    expect(() => loadConfig({ ...minimal, RETENTION_DAYS: "0" })).toThrow(/RETENTION_DAYS must be a whole number from 1 to 3650/);
    expect(() => loadConfig({ ...minimal, RETENTION_DAYS: "30.5" })).toThrow(/RETENTION_DAYS must be a whole number/);
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

  describe("Maskinporten", () => {
    const file = import.meta.filename;
    const key = (env: "TEST" | "PROD") => ({ [`MASKINPORTEN_${env}_CLIENT_ID`]: `client-${env}`, [`MASKINPORTEN_${env}_KID`]: "k1", [`MASKINPORTEN_${env}_PRIVATE_KEY_FILE`]: file });
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ ...minimal, ...env });
      } catch (e) {
        if (e instanceof ConfigError) return e.problems;
        throw e;
      }
      return [];
    };

    it("reads one client per environment, with Maskinporten's own URL and all six scopes by default", () => {
      const c = loadConfig({ ...minimal, ...key("TEST"), MASKINPORTEN_PROD_CLIENT_ID: "prod-client", MASKINPORTEN_PROD_CERTIFICATE_FILE: file, MASKINPORTEN_PROD_CERTIFICATE_PASSPHRASE: " pass ord " });
      expect(c.maskinporten.test).toEqual({
        env: "test",
        clientId: "client-TEST",
        url: "https://test.maskinporten.no/",
        scopes: [...scopes],
        auth: { kind: "key", kid: "k1", privateKeyFile: file },
      });
      expect(c.maskinporten.prod).toEqual({
        env: "prod",
        clientId: "prod-client",
        url: "https://maskinporten.no/",
        scopes: [...scopes],
        auth: { kind: "certificate", certificateFile: file, passphrase: " pass ord " },
      });
      expect(clientFor(c, "tt02")).toBe(c.maskinporten.test);
      expect(clientFor(c, "production")).toBe(c.maskinporten.prod);
      // An environment without a client id is not checked.
      const testOnly = loadConfig({ ...minimal, ...key("TEST"), MASKINPORTEN_TEST_URL: "http://127.0.0.1:8443", MASKINPORTEN_TEST_SCOPES: " brreg:reelle/media, brreg:reelle/offentlig,," });
      expect(testOnly.maskinporten.prod).toBeUndefined();
      expect(clientFor(testOnly, "production")).toBeUndefined();
      expect(testOnly.maskinporten.test).toMatchObject({ url: "http://127.0.0.1:8443/", scopes: ["brreg:reelle/media", "brreg:reelle/offentlig"] });
    });

    it("refuses the old single-client variables, naming their replacements", () => {
      const found = problems({ MASKINPORTEN_ENV: "test", MASKINPORTEN_CLIENT_ID: "abc", MASKINPORTEN_KID: "k1", MASKINPORTEN_PRIVATE_KEY_FILE: file, MASKINPORTEN_URL: "https://maskinporten.no/" });
      expect(found).toHaveLength(5);
      expect(found.join("\n")).toMatch(/MASKINPORTEN_CLIENT_ID is no longer read: use MASKINPORTEN_TEST_CLIENT_ID \(TT02 cases\) or MASKINPORTEN_PROD_CLIENT_ID/);
      expect(found.join("\n")).toMatch(/MASKINPORTEN_ENV is no longer read: .*MASKINPORTEN_TEST_… .*MASKINPORTEN_PROD_…/);
      expect(found.join("\n")).toMatch(/MASKINPORTEN_KID is no longer read: use MASKINPORTEN_TEST_KID or MASKINPORTEN_PROD_KID/);
      expect(found.join("\n")).toMatch(/MASKINPORTEN_PRIVATE_KEY_FILE is no longer read: use MASKINPORTEN_TEST_PRIVATE_KEY_FILE/);
      expect(found.join("\n")).toMatch(/MASKINPORTEN_URL is no longer read: use MASKINPORTEN_TEST_URL or MASKINPORTEN_PROD_URL/);
      expect(problems({ MASKINPORTEN_CLIENT_ID: "" })).toEqual([]);
    });

    it("says what is missing or conflicting in a client's credentials", () => {
      expect(problems({ MASKINPORTEN_TEST_CLIENT_ID: "abc", MASKINPORTEN_TEST_KID: "k1" })).toEqual([expect.stringMatching(/^MASKINPORTEN_TEST_PRIVATE_KEY_FILE missing: a registered key needs both/)]);
      expect(problems({ MASKINPORTEN_PROD_CLIENT_ID: "abc", MASKINPORTEN_PROD_PRIVATE_KEY_FILE: file })).toEqual([expect.stringMatching(/^MASKINPORTEN_PROD_KID missing/)]);
      expect(problems({ MASKINPORTEN_TEST_CLIENT_ID: "abc" })).toEqual([expect.stringMatching(/no credentials: set MASKINPORTEN_TEST_KID and MASKINPORTEN_TEST_PRIVATE_KEY_FILE .* or MASKINPORTEN_TEST_CERTIFICATE_FILE/)]);
      expect(problems({ ...key("TEST"), MASKINPORTEN_TEST_CERTIFICATE_FILE: file })).toEqual([expect.stringMatching(/exclude each other/)]);
      expect(problems({ MASKINPORTEN_TEST_KID: "k1", MASKINPORTEN_TEST_CERTIFICATE_PASSPHRASE: "topphemmelig" })).toEqual([
        expect.stringMatching(/^MASKINPORTEN_TEST_CLIENT_ID missing: MASKINPORTEN_TEST_KID, MASKINPORTEN_TEST_CERTIFICATE_PASSPHRASE are set/),
      ]);
      expect(problems({ ...key("TEST"), MASKINPORTEN_TEST_CERTIFICATE_PASSPHRASE: "topphemmelig" })).toEqual([expect.stringMatching(/only used with MASKINPORTEN_TEST_CERTIFICATE_FILE/)]);
      expect(problems({ ...key("PROD"), MASKINPORTEN_PROD_PRIVATE_KEY_FILE: "/no/such/key.pem" })).toEqual(["MASKINPORTEN_PROD_PRIVATE_KEY_FILE no such file: /no/such/key.pem"]);
      const cert = problems({ MASKINPORTEN_TEST_CLIENT_ID: "abc", MASKINPORTEN_TEST_CERTIFICATE_FILE: "/no/such.p12", MASKINPORTEN_TEST_CERTIFICATE_PASSPHRASE: "topphemmelig" });
      expect(cert).toEqual(["MASKINPORTEN_TEST_CERTIFICATE_FILE no such file: /no/such.p12"]);
      // The passphrase appears in no message.
      expect(JSON.stringify(problems({ MASKINPORTEN_TEST_CERTIFICATE_PASSPHRASE: "topphemmelig", ...key("PROD"), MASKINPORTEN_PROD_CERTIFICATE_PASSPHRASE: "topphemmelig" }))).not.toContain("topphemmelig");
    });

    it("refuses Maskinporten's test host as PROD and the production host as TEST", () => {
      expect(problems({ ...key("PROD"), MASKINPORTEN_PROD_URL: "https://test.maskinporten.no/" })).toEqual([
        expect.stringMatching(/^MASKINPORTEN_PROD_URL is Maskinporten's test environment \(test\.maskinporten\.no\): a client there belongs in MASKINPORTEN_TEST_…, and MASKINPORTEN_PROD_URL should be https:\/\/maskinporten\.no\//),
      ]);
      expect(problems({ ...key("TEST"), MASKINPORTEN_TEST_URL: "https://maskinporten.no" })).toEqual([expect.stringMatching(/^MASKINPORTEN_TEST_URL is Maskinporten's production environment/)]);
      expect(problems({ ...key("TEST"), MASKINPORTEN_TEST_URL: "ftp://x" })).toEqual([expect.stringMatching(/^MASKINPORTEN_TEST_URL malformed/)]);
    });

    it("reads the registered key's expiry date, from the start of that day in Oslo, and only for a key", () => {
      const c = loadConfig({ ...minimal, ...key("TEST"), MASKINPORTEN_TEST_KEY_EXPIRES: "2027-03-01" });
      expect(c.maskinporten.test?.auth).toEqual({ kind: "key", kid: "k1", privateKeyFile: file, expires: new Date("2027-02-28T23:00:00Z") });
      expect(problems({ ...key("TEST"), MASKINPORTEN_TEST_KEY_EXPIRES: "1.3.2027" })).toEqual([expect.stringMatching(/^MASKINPORTEN_TEST_KEY_EXPIRES must be a date such as 2027-03-01/)]);
      expect(problems({ ...key("TEST"), MASKINPORTEN_TEST_KEY_EXPIRES: "2027-02-30" })).toEqual([expect.stringMatching(/^MASKINPORTEN_TEST_KEY_EXPIRES must be a date/)]);
      expect(problems({ MASKINPORTEN_PROD_CLIENT_ID: "p", MASKINPORTEN_PROD_CERTIFICATE_FILE: file, MASKINPORTEN_PROD_KEY_EXPIRES: "2027-03-01" })).toEqual([
        expect.stringMatching(/^MASKINPORTEN_PROD_KEY_EXPIRES is for a registered key \(MASKINPORTEN_PROD_KID\): the enterprise certificate's end is read from MASKINPORTEN_PROD_CERTIFICATE_FILE/),
      ]);
    });

    it("refuses unknown scopes at start", () => {
      expect(problems({ ...key("TEST"), MASKINPORTEN_TEST_SCOPES: "brreg:reelle/media,brreg:reelle/alt" })).toEqual([
        expect.stringMatching(/^MASKINPORTEN_TEST_SCOPES has unknown scope "brreg:reelle\/alt": use a comma-separated list of brreg:reelle\/offentlig, /),
      ]);
      expect(problems({ ...key("TEST"), MASKINPORTEN_TEST_SCOPES: " , " })).toEqual([expect.stringMatching(/names no scope/)]);
    });

    it("lists Maskinporten's problems with every other one", () => {
      const found = problems({ PORT: "x", MASKINPORTEN_KID: "k", MASKINPORTEN_TEST_CLIENT_ID: "abc" });
      expect(found).toHaveLength(3);
    });
  });

  it("keeps owed Slack notices 72 hours by default, hours and fractions of them when set", () => {
    expect(loadConfig(minimal).slack.noticeGiveUpHours).toBe(72);
    expect(loadConfig({ ...minimal, SLACK_NOTICE_GIVE_UP_HOURS: "0.5" }).slack.noticeGiveUpHours).toBe(0.5);
    expect(() => loadConfig({ ...minimal, SLACK_NOTICE_GIVE_UP_HOURS: "never" })).toThrow(/SLACK_NOTICE_GIVE_UP_HOURS must be a number from 0.001 to 720/);
  });

  it("reads the delegation poll schedule, the longest wait never under the first", () => {
    const c = loadConfig({ ...minimal, DELEGATION_POLL_MIN_SECONDS: "60", DELEGATION_POLL_MAX_SECONDS: "30", DELEGATION_POLL_GIVE_UP_DAYS: "0.5" });
    expect(c.delegationPoll).toEqual({ minSeconds: 60, maxSeconds: 60, giveUpDays: 0.5, recheckHours: 24, workHoursSeconds: 300, fastDays: 5 });
    expect(() => loadConfig({ ...minimal, DELEGATION_POLL_MIN_SECONDS: "0" })).toThrow(/DELEGATION_POLL_MIN_SECONDS must be a whole number/);
  });

  it("reads the recheck interval in hours, fractions allowed (a test asks for seconds)", () => {
    expect(loadConfig({ ...minimal, DELEGATION_RECHECK_HOURS: "0.01" }).delegationPoll.recheckHours).toBe(0.01);
    expect(() => loadConfig({ ...minimal, DELEGATION_RECHECK_HOURS: "0" })).toThrow(/DELEGATION_RECHECK_HOURS must be a number from 0.0001 to 720/);
  });

  it("asks Brreg's RRH API in test unless RRH_TEST_URL is off", () => {
    expect(loadConfig({ ...minimal, RRH_TEST_URL: "http://127.0.0.1:8080/api/oppslag/" }).rrh.testUrl).toBe("http://127.0.0.1:8080/api/oppslag");
    expect(loadConfig({ ...minimal, RRH_TEST_URL: "OFF" }).rrh.testUrl).toBeNull();
    expect(() => loadConfig({ ...minimal, RRH_TEST_URL: "rrh.ppe.brreg.no" })).toThrow(/RRH_TEST_URL malformed: an http\(s\) URL such as https:\/\/rrh.ppe.brreg.no\/api\/oppslag, or off/);
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

describe("MAIL_AUTHSERV_ID and BRREG_REQUIRE_DMARC_PASS", () => {
  it("trust the topmost Authentication-Results and require dmarc=pass unless told otherwise", () => {
    expect(loadConfig(minimal).mail).toMatchObject({ authservId: undefined, brregRequireDmarcPass: true, brregDomain: "brreg.no" });
    expect(loadConfig({ ...minimal, MAIL_AUTHSERV_ID: "mx.fjorddata.no", BRREG_REQUIRE_DMARC_PASS: "false" }).mail).toMatchObject({
      authservId: "mx.fjorddata.no",
      brregRequireDmarcPass: false,
    });
  });

  it("refuse an authserv-id that could not stand first in the header, and a flag that is not true or false", () => {
    expect(() => loadConfig({ ...minimal, MAIL_AUTHSERV_ID: "mx.fjorddata.no; dmarc=pass" })).toThrow(/MAIL_AUTHSERV_ID must be the authserv-id/);
    expect(() => loadConfig({ ...minimal, BRREG_REQUIRE_DMARC_PASS: "maybe" })).toThrow(/BRREG_REQUIRE_DMARC_PASS must be true or false/);
  });
});
