// Brreg's RRH API (Virksomheter), asked once with a delegated token to see that Brreg accepts
// it (DOMAIN.md "Brreg's RRH API"). Only the status code is read: the answer's body holds
// personal data about beneficial owners, so it is never read into memory, logged or kept.

/** accepted: 200, or 404 (not registreringspliktig: the call itself was accepted); refused: 401/403. */
export type RrhAnswer = { status: "accepted" | "refused"; httpStatus: number } | { status: "unreachable"; detail: string };

export const rrhTimeoutMs = 10_000;

/** GET <base>/v1/virksomheter/<orgnr> with the token; never throws, never returns the body. */
export async function lookUpOrganisation(baseUrl: string, orgnr: string, token: string, timeoutMs = rrhTimeoutMs): Promise<RrhAnswer> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(`${baseUrl.replace(/\/+$/, "")}/v1/virksomheter/${encodeURIComponent(orgnr)}`, {
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
      signal,
    });
    // The body is dropped unread.
    await res.body?.cancel().catch(() => undefined);
    if (res.status === 200 || res.status === 404) return { status: "accepted", httpStatus: res.status };
    if (res.status === 401 || res.status === 403) return { status: "refused", httpStatus: res.status };
    // Down, busy or an answer DOMAIN.md does not describe: asked again later, never a verdict.
    return { status: "unreachable", detail: `HTTP ${res.status}` };
  } catch (error) {
    if (signal.aborted) return { status: "unreachable", detail: `no answer within ${Math.round(timeoutMs / 1000)} s` };
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return { status: "unreachable", detail: `${error instanceof Error ? error.message : String(error)}${cause}`.slice(0, 300) };
  }
}
