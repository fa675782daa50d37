import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fictitiousOrder } from "../domain/fixtures.js";
import type { TestApp } from "../support/app.js";
import { noticesSettled, openTestCase } from "../support/cases.js";
import type { FakeMaskinporten } from "../support/fakeMaskinporten.js";
import { FakeRrh } from "../support/fakeRrh.js";
import type { FakeSlack } from "../support/fakeSlack.js";
import { freshCase, moveTo, submit, threadPosts, until, untilStage } from "./followupHelpers.js";
import { grantsFor, pollSteps, reportable, testClock, usePollingApps, vendor } from "./pollingHelpers.js";

// The watch over a verified delegation on the fictitious route (issue 20 meets issue 19): the
// recheck, and Brreg's API after it, ask about the fictitious company (consumerOrgnrOf), never
// about the case's empty customer nor the vendor itself.

const owner = "U0OWNER";
const synthetic = "310964719";

describe("a verified fictitious case stays watched", () => {
  const clock = testClock();
  const rrh = new FakeRrh();
  let slack: FakeSlack;
  let mp: FakeMaskinporten;
  let app: TestApp;
  beforeAll(async () => {
    await rrh.start();
  });
  usePollingApps((f) => ({ slack, mp, app } = f), clock, {
    env: () => ({ RRH_TEST_URL: rrh.url, DELEGATION_RECHECK_HOURS: "0.01", MASKINPORTEN_TEST_SCOPES: reportable }),
  });
  afterAll(() => rrh.stop());

  const { poll, nextPoll, channelPosts } = pollSteps(() => app, clock);
  const rrhAsked = () => rrh.requests.map((r) => r.path);

  it("the recheck asks Maskinporten and Brreg's API with the fictitious company's orgnr; lost, the thread gives the vendor's own steps", async () => {
    const opened = await openTestCase(app, fictitiousOrder, owner);
    await moveTo(app, opened.reference, "awaiting_brreg");
    const values = {
      fictitious_orgnr: { fictitious_orgnr: { type: "plain_text_input", value: synthetic } },
      scope: { scope: { type: "radio_buttons", selected_option: { value: reportable } } },
    };
    expect(await submit(app, "confirm_fictitious", opened.reference, values, owner)).toEqual({});
    const c = await untilStage(app, opened.reference, "awaiting_delegation");

    mp.delegate(synthetic, reportable);
    rrh.mode = 404;
    await nextPoll(c.id);
    const verified = await untilStage(app, c.reference, "verified");
    expect((await poll(c.id)).mode).toBe("recheck");
    expect(rrhAsked()).toEqual([`/api/oppslag/v1/virksomheter/${synthetic}`]);

    // The recheck: the same consumer_org, and Brreg's API asked about the same organisation.
    const grants = grantsFor(mp, synthetic);
    await nextPoll(c.id);
    expect(grantsFor(mp, synthetic)).toBe(grants + 1);
    expect(rrhAsked()).toEqual([`/api/oppslag/v1/virksomheter/${synthetic}`, `/api/oppslag/v1/virksomheter/${synthetic}`]);
    expect((await freshCase(app, c.reference)).lastVerifiedAt).toEqual(clock.now());
    // Nobody else was ever asked for: not the vendor's own number, not the empty customer.
    expect(mp.grants.map((g) => g.claims.consumer_org)).toEqual(mp.grants.map(() => synthetic));
    expect(grantsFor(mp, vendor)).toBe(0);

    // Revoked, and confirmed by the second check: lost, told with the fictitious company's name.
    mp.revoke(synthetic, reportable);
    await nextPoll(c.id);
    await nextPoll(c.id);
    const lost = await untilStage(app, c.reference, "delegation_lost");
    expect(grantsFor(mp, synthetic)).toBe(grants + 3);
    const thread = await until(() => threadPosts(app, lost).find((x) => /Delegeringen virker ikke lenger/.test(String(x.args.text))), "the thread notice");
    expect(String(thread.args.text)).toContain("fiktiv kunde (310 964 719)");
    expect(String(thread.args.text)).toMatch(/Hva nå: deleger på nytt selv i Altinn TT02/);
    const blocks = JSON.stringify(thread.args.blocks);
    // There is no customer to send anything to: the vendor's own steps, acting for the fictitious company.
    expect(blocks).not.toContain("send_to_customer");
    expect(blocks).toContain("Velg å representere den fiktive virksomheten (org.nr. 310 964 719)");
    // the vendor's name as mrkdwn escapes it
    expect(blocks).toContain(`${vendor} (Leverandør &lt;Test&gt; AS)`);
    const channel = await until(() => channelPosts().find((x) => String(x.args.text).includes(`${c.reference} ·`) && /virker ikke lenger/.test(String(x.args.text))), "the channel notice");
    expect(String(channel.args.text)).toContain("fiktiv kunde (310 964 719)");
    await noticesSettled(app);
    expect(slack.allText()).not.toContain(FakeRrh.marker);
    expect(verified.customerOrgnr).toBe("");
  });
});
