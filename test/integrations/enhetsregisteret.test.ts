import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { lookupUnit } from "../../src/integrations/enhetsregisteret.js";
import { FakeEnhetsregisteret, registerFixtures } from "../support/fakeEnhetsregisteret.js";

describe("Enhetsregisteret lookup", () => {
  let register: FakeEnhetsregisteret;
  const settings = () => ({ url: register.url, timeoutMs: 2000 });

  beforeAll(async () => {
    register = await new FakeEnhetsregisteret().start();
  });
  afterEach(() => {
    register.mode = "normal";
    register.overrides.clear();
  });
  afterAll(async () => {
    await register?.stop();
  });

  it("reads an active company with its registered name", async () => {
    expect(await lookupUnit(settings(), registerFixtures.activeVendor)).toEqual({ status: "active", orgnr: "920012345", name: "FJORDDATA SYSTEMER AS" });
    expect(await lookupUnit(settings(), registerFixtures.activeCustomer)).toMatchObject({ status: "active", name: "NORDLYS REGNSKAP OG REVISJON AS" });
  });

  it("reads konkurs as bankrupt", async () => {
    expect(await lookupUnit(settings(), registerFixtures.bankrupt)).toEqual({ status: "bankrupt", orgnr: "310964719", name: "HAVGAPET HANDEL AS" });
  });

  it("reads underKonkursbehandling alone as bankrupt too", async () => {
    register.overrides.set("974760673", { status: 200, body: JSON.stringify({ organisasjonsnummer: "974760673", navn: "X AS", konkurs: false, underKonkursbehandling: true }) });
    expect(await lookupUnit(settings(), "974760673")).toMatchObject({ status: "bankrupt" });
  });

  it("reads underAvvikling and forced dissolution as liquidation", async () => {
    register.overrides.set("974760673", { status: 200, body: JSON.stringify({ organisasjonsnummer: "974760673", navn: "X AS", konkurs: false, underAvvikling: true }) });
    register.overrides.set("923609016", {
      status: 200,
      body: JSON.stringify({ organisasjonsnummer: "923609016", navn: "Y AS", underTvangsavviklingEllerTvangsopplosning: true }),
    });
    expect(await lookupUnit(settings(), "974760673")).toMatchObject({ status: "liquidation", name: "X AS" });
    expect(await lookupUnit(settings(), "923609016")).toMatchObject({ status: "liquidation", name: "Y AS" });
  });

  it("reads a body with slettedato as deleted, keeping the name", async () => {
    expect(await lookupUnit(settings(), registerFixtures.deletedBySlettedato)).toEqual({ status: "deleted", orgnr: "314028252", name: "GAMLE VERFTET EIENDOM AS" });
  });

  it("reads 410 Gone as deleted without a name", async () => {
    expect(await lookupUnit(settings(), registerFixtures.gone)).toEqual({ status: "deleted", orgnr: "315773458", name: null });
  });

  it("reads 404 as unknown", async () => {
    expect(await lookupUnit(settings(), "974760673")).toEqual({ status: "unknown", orgnr: "974760673" });
  });

  it("gives up after the timeout and calls the register unavailable", async () => {
    register.mode = "slow";
    const answer = await lookupUnit({ url: register.url, timeoutMs: 2000 }, registerFixtures.activeVendor);
    expect(answer).toMatchObject({ status: "unavailable", reason: "no answer within 2000 ms" });
  });

  it("calls a 500 unavailable", async () => {
    register.mode = "down";
    expect(await lookupUnit(settings(), registerFixtures.activeVendor)).toEqual({ status: "unavailable", orgnr: "920012345", reason: "HTTP 500" });
  });

  it("calls a body it cannot read unavailable, naming what was wrong", async () => {
    register.overrides.set("974760673", { status: 200, body: "<html>maintenance</html>", contentType: "text/html" });
    register.overrides.set("923609016", { status: 200, body: JSON.stringify({ organisasjonsnummer: "923609016" }) });
    register.overrides.set("920012345", { status: 200, body: JSON.stringify({ organisasjonsnummer: "812345672", navn: "Someone else" }) });
    expect(await lookupUnit(settings(), "974760673")).toMatchObject({ status: "unavailable", reason: "unexpected answer (not JSON)" });
    expect(await lookupUnit(settings(), "923609016")).toMatchObject({ status: "unavailable", reason: "unexpected answer (navn)" });
    expect(await lookupUnit(settings(), "920012345")).toMatchObject({ status: "unavailable", reason: "answer was about 812345672" });
  });

  it("calls an unreachable register unavailable", async () => {
    const answer = await lookupUnit({ url: "http://127.0.0.1:9/enhetsregisteret/api", timeoutMs: 2000 }, registerFixtures.activeVendor);
    expect(answer.status).toBe("unavailable");
  });
});
