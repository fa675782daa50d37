import { describe, expect, it } from "vitest";
import { UnsafeMailError } from "../../src/mail/outgoingMail.js";
import { doublingDelay, nextAttempt } from "../../src/domain/backoff.js";
import { classifySendError } from "../../src/mail/retryPolicy.js";

const smtpError = (responseCode: number, response: string, code = "EMESSAGE") => Object.assign(new Error("Message failed"), { responseCode, response, code });

describe("what a failed send means", () => {
  it("4xx replies are temporary, 5xx permanent, whatever nodemailer's own code says", () => {
    expect(classifySendError(smtpError(451, "451 4.3.0 Try again later"))).toEqual({ temporary: true, text: "451 4.3.0 Try again later" });
    expect(classifySendError(smtpError(421, "421 4.4.2 Busy", "ECONNECTION")).temporary).toBe(true);
    expect(classifySendError(smtpError(550, "550 5.1.1 No such user", "EENVELOPE"))).toEqual({ temporary: false, text: "550 5.1.1 No such user" });
    expect(classifySendError(smtpError(535, "535 5.7.8 Authentication failed", "EAUTH")).temporary).toBe(false);
  });

  it("an unreachable or silent server is temporary; our own broken setup or message is not", () => {
    expect(classifySendError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:2525"), { code: "ESOCKET" })).temporary).toBe(true);
    expect(classifySendError(Object.assign(new Error("Greeting never received"), { code: "ETIMEDOUT" })).temporary).toBe(true);
    expect(classifySendError(Object.assign(new Error("getaddrinfo ENOTFOUND smtp.example"), { code: "EDNS" })).temporary).toBe(true);
    expect(classifySendError(Object.assign(new Error("No recipients defined"), { code: "EENVELOPE" })).temporary).toBe(false);
    expect(classifySendError(new UnsafeMailError(["subject: contains a line break"]))).toEqual({
      temporary: false,
      text: "Refusing to send: subject: contains a line break",
    });
  });

  it("keeps the server's text to one line without identity numbers, and short", () => {
    const failure = classifySendError(smtpError(550, "550-5.1.1 User 07896498713 unknown\r\n550 5.1.1 see https://x"));
    expect(failure.text).toBe("550-5.1.1 User [fødselsnummer fjernet] unknown 550 5.1.1 see https://x");
    expect(classifySendError(smtpError(550, `550 ${"x".repeat(2000)}`)).text.length).toBeLessThanOrEqual(500);
  });
});

describe("when to try again", () => {
  it("waits the minimum, doubling, capped at the maximum", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 100].map((n) => doublingDelay(n, 60, 3600))).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
  });

  it("never schedules past the give-up time, and gives up once it has come", () => {
    const policy = { retryMinSeconds: 60, retryMaxSeconds: 3600, giveUpHours: 24 };
    const since = new Date("2026-11-24T08:00:00Z");
    expect(nextAttempt(new Date("2026-11-24T08:00:00Z"), since, 1, policy)).toEqual(new Date("2026-11-24T08:01:00Z"));
    expect(nextAttempt(new Date("2026-11-25T07:30:00Z"), since, 30, policy)).toEqual(new Date("2026-11-25T08:00:00Z"));
    expect(nextAttempt(new Date("2026-11-25T08:00:00Z"), since, 31, policy)).toBeNull();
  });
});
