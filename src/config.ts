import { join, resolve } from "node:path";
import { z } from "zod";
import { parseSender, type Sender } from "./domain/sender.js";
import { readMaskinporten, type MaskinportenClients } from "./maskinportenSettings.js";

export type { MaskinportenClient, MaskinportenClients } from "./maskinportenSettings.js";

// Every variable of DESIGN.md's table, plus the tuning knobs the issues ask to be settable.
// Parsing collects every problem first so an operator fixes them all in one go.

const optional = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string())
  .optional()
  .transform((s) => (s === "" ? undefined : s));

const bool = (fallback: boolean) =>
  optional.transform((s, ctx) => {
    if (s === undefined) return fallback;
    if (/^(1|true|yes|on)$/i.test(s)) return true;
    if (/^(0|false|no|off)$/i.test(s)) return false;
    ctx.addIssue({ code: "custom", message: "must be true or false" });
    return z.NEVER;
  });

/** A whole number in [min, max]; `fractions` lets a setting such as hours take 0.5. */
const number = (fallback: number, min: number, max: number, fractions = false) =>
  optional.transform((s, ctx) => {
    if (s === undefined) return fallback;
    const n = Number(s);
    if (!Number.isFinite(n) || n < min || n > max || (!fractions && !Number.isInteger(n))) {
      ctx.addIssue({ code: "custom", message: `must be a ${fractions ? "" : "whole "}number from ${min} to ${max}` });
      return z.NEVER;
    }
    return n;
  });

const url = (protocols: string[], hint: string) =>
  optional.refine(
    (s) => {
      if (s === undefined) return true;
      try {
        return protocols.includes(new URL(s).protocol);
      } catch {
        return false;
      }
    },
    { message: `malformed: ${hint}` },
  );

const email = optional.refine((s) => s === undefined || /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(s), {
  message: "must be an e-mail address such as delegering@leverandor.no",
});

/** MAIL_FROM: an address, optionally with a display name (`Name <address>`). */
const sender = optional.transform((s, ctx): Sender | undefined => {
  if (s === undefined) return undefined;
  const parsed = parseSender(s);
  if (parsed.ok) return parsed.sender;
  ctx.addIssue({
    code: "custom",
    message: `${parsed.problem}: write delegering@leverandor.no or Leverandør Delegering <delegering@leverandor.no>`,
  });
  return z.NEVER;
});

const envSchema = z
  .object({
    SLACK_BOT_TOKEN: optional.refine((s) => s === undefined || s.startsWith("xoxb-"), {
      message: "must start with xoxb-: copy the Bot User OAuth Token from OAuth & Permissions",
    }),
    SLACK_MODE: optional.pipe(z.enum(["socket", "http"]).optional()),
    SLACK_APP_TOKEN: optional.refine((s) => s === undefined || s.startsWith("xapp-"), {
      message: "must start with xapp-: create an app-level token with connections:write under Basic Information",
    }),
    SLACK_SIGNING_SECRET: optional,
    PORT: number(3000, 0, 65535),
    SLACK_API_URL: url(["http:", "https:"], "an http(s) URL such as https://slack.com/api/"),
    SLACK_CASE_CHANNEL: optional.refine((s) => s === undefined || /^[CG][A-Z0-9]{2,}$/.test(s), {
      message: "must be a channel id such as C0123ABCD (channel details → About → Channel ID)",
    }),
    SLACK_ALLOWED_USERGROUP: optional.refine((s) => s === undefined || /^S[A-Z0-9]{2,}$/.test(s), {
      message: "must be a user group id such as S0123ABCD",
    }),
    DATABASE_URL: url(["postgresql:", "postgres:"], "use postgresql://user:password@host:5432/database, or unset it for the embedded database"),
    DATABASE_STATEMENT_TIMEOUT_MS: number(10000, 100, 600000),
    DATA_DIR: optional,
    SMTP_URL: url(["smtp:", "smtps:"], "use smtp://user:pass@host:port (smtps:// for TLS), or unset it for preview mode"),
    MAIL_FROM: sender,
    MAIL_REPLY_TO: email,
    ORDER_CC_VENDOR_CONTACT: bool(true),
    CUSTOMER_MAIL_PER_HOUR: number(20, 1, 1000),
    BRREG_ORDER_EMAIL: email,
    BRREG_MAIL_DOMAIN: optional,
    // A token as RFC 8601 writes an authserv-id (usually the server's host name).
    MAIL_AUTHSERV_ID: optional.refine((s) => s === undefined || /^[^\s();="\\]+$/.test(s), {
      message: "must be the authserv-id your mail server writes first in Authentication-Results, such as mx.leverandor.no",
    }),
    BRREG_REQUIRE_DMARC_PASS: bool(true),
    IMAP_URL: url(["imap:", "imaps:"], "use imap://user:pass@host:port/INBOX (imaps:// for TLS), or unset it"),
    IMAP_POLL_SECONDS: number(30, 1, 3600),
    ENHETSREGISTERET_URL: url(["http:", "https:"], "an http(s) URL such as https://data.brreg.no/enhetsregisteret/api"),
    ENHETSREGISTERET_TIMEOUT_MS: number(2000, 100, 30000),
    // Maskinporten's clients are read by readMaskinporten (src/maskinportenSettings.ts).
    DELEGATION_POLL_MIN_SECONDS: number(900, 1, 86400),
    DELEGATION_POLL_MAX_SECONDS: number(14400, 1, 604800),
    DELEGATION_POLL_GIVE_UP_DAYS: number(30, 0.001, 365, true),
    DELEGATION_RECHECK_HOURS: number(24, 0.0001, 720, true),
    DELEGATION_POLL_WORKHOURS_SECONDS: number(300, 1, 86400),
    DELEGATION_POLL_FAST_DAYS: number(5, 0, 60),
    RRH_TEST_URL: optional.refine((s) => s === undefined || s.toLowerCase() === "off" || /^https?:\/\/[^\s/]+/i.test(s), {
      message: "malformed: an http(s) URL such as https://rrh.ppe.brreg.no/api/oppslag, or off",
    }),
    LOCALE: optional.pipe(z.enum(["nb", "en"]).optional()),
    LOG_LEVEL: optional.transform((s) => s?.toLowerCase()).pipe(z.enum(["debug", "info", "warn", "error"]).optional()),
    LOG_FORMAT: optional.transform((s) => s?.toLowerCase()).pipe(z.enum(["text", "json"]).optional()),
    OUTBOX_RETRY_MIN_SECONDS: number(60, 1, 86400),
    OUTBOX_RETRY_MAX_SECONDS: number(3600, 1, 86400),
    OUTBOX_GIVE_UP_HOURS: number(24, 0.001, 720, true),
    OUTBOX_POLL_MS: number(2000, 10, 600000),
    REMINDER_DAYS_CUSTOMER_ACCESS: number(3, 1, 60),
    REMINDER_DAYS_ORDER_PENDING: number(1, 1, 60),
    REMINDER_DAYS_AWAITING_BRREG: number(5, 1, 60),
    REMINDER_DAYS_AWAITING_DELEGATION: number(3, 1, 60),
    REMINDER_HOUR: number(9, 0, 23),
    SCHEDULER_POLL_MS: number(30000, 10, 3600000),
    USERGROUP_CACHE_SECONDS: number(300, 1, 86400),
    HOME_REFRESH_SECONDS: number(3, 0, 3600, true),
    SLACK_NOTICE_GIVE_UP_HOURS: number(72, 0.001, 720, true),
    RETENTION_DAYS: number(365, 1, 3650),
  });

// Checks across variables run on the raw values, so they are reported even when some other
// variable is malformed: the operator sees every problem at once.
const rawSchema = z
  .object({
    SLACK_BOT_TOKEN: optional,
    SLACK_MODE: optional,
    SLACK_APP_TOKEN: optional,
    SLACK_SIGNING_SECRET: optional,
    SLACK_CASE_CHANNEL: optional,
    SMTP_URL: optional,
    MAIL_FROM: optional,
  })
  .superRefine((env, ctx) => {
    const mode = env.SLACK_MODE ?? (env.SLACK_APP_TOKEN ? "socket" : "http");
    if (!env.SLACK_BOT_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_BOT_TOKEN"],
        message: "missing: create the app from manifest.yml and copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions",
      });
    }
    if (!env.SLACK_CASE_CHANNEL) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_CASE_CHANNEL"],
        message: "missing: the channel id where case threads go (channel details → About → Channel ID), and invite the app there",
      });
    }
    if (mode === "socket" && !env.SLACK_APP_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_APP_TOKEN"],
        message: "missing for SLACK_MODE=socket: create an app-level token with connections:write under Basic Information",
      });
    }
    if (mode === "http" && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_SIGNING_SECRET"],
        message: "missing for HTTP mode: copy the Signing Secret from Basic Information (or set SLACK_APP_TOKEN for Socket Mode)",
      });
    }
    if (env.SMTP_URL && !env.MAIL_FROM) {
      ctx.addIssue({
        code: "custom",
        path: ["MAIL_FROM"],
        message: "missing: SMTP_URL is set, so set the sender address, e.g. delegering@leverandor.no",
      });
    }
  });

function withSlash(u: string): string {
  return u.endsWith("/") ? u : `${u}/`;
}

function build(env: z.output<typeof envSchema>, maskinporten: MaskinportenClients) {
  const mode = env.SLACK_MODE ?? (env.SLACK_APP_TOKEN ? "socket" : "http");
  return {
    slack: {
      mode,
      botToken: env.SLACK_BOT_TOKEN as string,
      appToken: env.SLACK_APP_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET ?? "",
      apiUrl: env.SLACK_API_URL ? withSlash(env.SLACK_API_URL) : undefined,
      caseChannel: env.SLACK_CASE_CHANNEL as string,
      allowedUsergroup: env.SLACK_ALLOWED_USERGROUP,
      usergroupCacheSeconds: env.USERGROUP_CACHE_SECONDS,
      /** Home is published again at most this often per user after cases change; 0: only when opened */
      homeRefreshSeconds: env.HOME_REFRESH_SECONDS,
      /** an owed notice Slack keeps failing with trouble that passes is retried this long, then marked failed */
      noticeGiveUpHours: env.SLACK_NOTICE_GIVE_UP_HOURS,
    },
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    /** PostgreSQL cancels any statement of the app's own client that runs longer (migrations run apart) */
    databaseStatementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    dataDir: resolve(env.DATA_DIR ?? "./data"),
    mail: {
      smtpUrl: env.SMTP_URL,
      // The address is what outbox rows, Message-IDs and header checks use; the name is
      // added when a message is written (src/mail/transport.ts).
      from: env.MAIL_FROM?.address,
      fromName: env.MAIL_FROM?.name,
      replyTo: env.MAIL_REPLY_TO,
      ccVendorContact: env.ORDER_CC_VENDOR_CONTACT,
      /** «Send til kunden» e-mails one person may queue within an hour */
      customerMailPerHour: env.CUSTOMER_MAIL_PER_HOUR,
      brregOrderEmail: env.BRREG_ORDER_EMAIL ?? "opendata@brreg.no",
      brregDomain: (env.BRREG_MAIL_DOMAIN ?? "brreg.no").toLowerCase(),
      /** whose Authentication-Results are ours; unset: the topmost header */
      authservId: env.MAIL_AUTHSERV_ID,
      /** false: Brreg's domain confirms unless our server recorded dmarc=fail (a server that writes no verdict) */
      brregRequireDmarcPass: env.BRREG_REQUIRE_DMARC_PASS,
      imapUrl: env.IMAP_URL,
      imapPollSeconds: env.IMAP_POLL_SECONDS,
      retryMinSeconds: env.OUTBOX_RETRY_MIN_SECONDS,
      retryMaxSeconds: Math.max(env.OUTBOX_RETRY_MIN_SECONDS, env.OUTBOX_RETRY_MAX_SECONDS),
      giveUpHours: env.OUTBOX_GIVE_UP_HOURS,
      outboxPollMs: env.OUTBOX_POLL_MS,
    },
    enhetsregisteret: {
      url: (env.ENHETSREGISTERET_URL ?? "https://data.brreg.no/enhetsregisteret/api").replace(/\/+$/, ""),
      timeoutMs: env.ENHETSREGISTERET_TIMEOUT_MS,
    },
    maskinporten,
    rrh: {
      /** Brreg's RRH API in test, asked once with each TT02 case's token; null: off (the token alone verifies) */
      testUrl: env.RRH_TEST_URL?.toLowerCase() === "off" ? null : (env.RRH_TEST_URL ?? "https://rrh.ppe.brreg.no/api/oppslag").replace(/\/+$/, ""),
    },
    delegationPoll: {
      minSeconds: env.DELEGATION_POLL_MIN_SECONDS,
      maxSeconds: Math.max(env.DELEGATION_POLL_MIN_SECONDS, env.DELEGATION_POLL_MAX_SECONDS),
      giveUpDays: env.DELEGATION_POLL_GIVE_UP_DAYS,
      /** how often a verified delegation is checked again */
      recheckHours: env.DELEGATION_RECHECK_HOURS,
      /** the pause on working days 08–17 Oslo time, for the first fastDays working days of a wait */
      workHoursSeconds: env.DELEGATION_POLL_WORKHOURS_SECONDS,
      fastDays: env.DELEGATION_POLL_FAST_DAYS,
    },
    locale: env.LOCALE ?? "nb",
    logLevel: env.LOG_LEVEL ?? "info",
    logFormat: env.LOG_FORMAT ?? "text",
    reminders: {
      workingDays: {
        customer_access_pending: env.REMINDER_DAYS_CUSTOMER_ACCESS,
        order_pending: env.REMINDER_DAYS_ORDER_PENDING,
        awaiting_brreg: env.REMINDER_DAYS_AWAITING_BRREG,
        awaiting_delegation: env.REMINDER_DAYS_AWAITING_DELEGATION,
        // a lost delegation is chased as the first one was
        delegation_lost: env.REMINDER_DAYS_AWAITING_DELEGATION,
      },
      hour: env.REMINDER_HOUR,
      pollMs: env.SCHEDULER_POLL_MS,
    },
    /** days after a case closes until its personal data is replaced by a marker */
    retentionDays: env.RETENTION_DAYS,
  } as const;
}

export type Config = ReturnType<typeof build>;

/** Where preview mode (no SMTP_URL) writes each email as an .eml file. */
export function previewDir(config: Pick<Config, "dataDir">): string {
  return join(config.dataDir, "outbox");
}
export type Locale = Config["locale"];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      [
        `Delegering cannot start: ${problems.length} setting${problems.length === 1 ? "" : "s"} to fix (environment or .env; see .env.example and README.md):`,
        ...problems.map((p) => `  - ${p}`),
      ].join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** Parses the environment; throws one ConfigError listing every problem. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  const cross = rawSchema.safeParse(source);
  const maskinporten = readMaskinporten(source);
  const issues = [...(parsed.error?.issues ?? []), ...(cross.error?.issues ?? [])];
  const problems = [...issues.map((i) => `${i.path.join(".") || "environment"} ${i.message}`), ...maskinporten.problems];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return build(parsed.data, maskinporten.clients);
}
