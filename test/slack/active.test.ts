import { describe, expect, it } from "vitest";
import type { TestApp } from "../support/app.js";
import type { FakeMaskinporten } from "../support/fakeMaskinporten.js";
import type { FakeSlack } from "../support/fakeSlack.js";
import { answerTo, click, until, untilStage, uploadedFile } from "./followupHelpers.js";
import { media, pollSteps, reportable, testClock, usePollingApps } from "./pollingHelpers.js";
import { ask } from "./statusSupport.js";

// `/delegering aktive`: every verified and lost delegation, the lost ones first, and its CSV.
describe("the vendor's list of live delegations", () => {
  const clock = testClock();
  let slack: FakeSlack;
  let mp: FakeMaskinporten;
  let app: TestApp;
  usePollingApps((f) => ({ slack, mp, app } = f), clock, { env: { DELEGATION_RECHECK_HOURS: "0.01", MASKINPORTEN_TEST_SCOPES: `${reportable},${media}` } });
  const { nextPoll, verifiedCase } = pollSteps(() => app, clock);

  it("lists a verified and a lost case, the lost one first; the CSV has their rows; Home counts them and shows the lost one on top", async () => {
    const verified = await verifiedCase(mp, "812345605", media);
    const lostCustomer = "812345613";
    const lost = await verifiedCase(mp, lostCustomer);
    mp.revoke(lostCustomer, reportable);
    await nextPoll(lost.id);
    await nextPoll(lost.id);
    const gone = await untilStage(app, lost.reference, "delegation_lost");
    const stillVerified = await untilStage(app, verified.reference, "verified");

    for (const word of ["aktive", "active"]) {
      const answer = await ask(app, word);
      const text = answer.text;
      expect(text).toContain("Aktive delegeringer");
      expect(text).toContain("1 verifisert, 1 virker ikke lenger");
      expect(text.indexOf(gone.reference)).toBeLessThan(text.indexOf(stillVerified.reference));
      expect(text).toContain("Virker ikke lenger");
      expect(text).toContain("TT02 (test) · `brreg:reelle/media`");
      expect(text).toContain("sist verifisert");
      expect(text).toContain('"action_id":"export_active"');
    }

    const exported = await click(app, "export_active", "csv", "U0OWNER");
    expect(await answerTo(app, exported.responseId)).toContain("direktemeldingen");
    const complete = await until(() => slack.callsOf("files.completeUploadExternal").at(-1), "the upload");
    expect(complete.args.channel_id).toBe("D0OWNER");
    const files = complete.args.files as Array<{ id: string; title: string }>;
    expect(files[0]!.title).toBe("aktive-delegeringer.csv");
    const lines = uploadedFile(slack.uploads.find((u) => u.id === files[0]!.id)!.content).trimEnd().split("\r\n");
    const iso = (d: Date | null) => d?.toISOString() ?? "";
    expect(lines).toEqual([
      "orgnr;name;environment;scope;stage;verified_since;last_verified",
      `${lostCustomer};"${gone.customerName.replace(/"/g, '""')}";tt02;${reportable};delegation_lost;${iso(gone.verifiedSince)};${iso(gone.lastVerifiedAt)}`,
      `${stillVerified.customerOrgnr};"${stillVerified.customerName.replace(/"/g, '""')}";tt02;${media};verified;${iso(stillVerified.verifiedSince)};${iso(stillVerified.lastVerifiedAt)}`,
    ]);

    await app.event({ type: "app_home_opened", user: "U0ALICE", tab: "home" });
    const home = await until(() => slack.callsOf("views.publish").find((p) => p.args.user_id === "U0ALICE"), "Home");
    const blocks = (home.args.view as { blocks: Array<Record<string, unknown>> }).blocks;
    // the lost delegation right under the buttons
    expect(JSON.stringify(blocks[2])).toContain(`:rotating_light: *${gone.reference}*`);
    expect(JSON.stringify(blocks)).toContain("Aktive delegeringer: TT02 *1* · produksjon *0*");
  });
});
