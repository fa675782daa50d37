import type { Environment } from "./environments.js";
import type { Localized } from "./locale.js";
import type { Route } from "./routes.js";
import { delegationWaitStages, openStages, startsProduction, works, type Stage } from "./stages.js";

/**
 * Whether a click only reads cases or changes them. The permission middleware keeps workspace
 * guests and (with SLACK_ALLOWED_USERGROUP set) non-members from every "changes" one.
 */
export type ActionAccess = "reads" | "changes";

export type ButtonStyle = "primary" | "danger";

/** What decides whether a case message offers a button. */
export interface OfferedTo {
  stage: Stage;
  environment: Environment;
  route: Route;
}

interface ActionCommon {
  /** the button's action_id (a contract: DESIGN.md) */
  readonly id: string;
  /**
   * The stages in which a click acts; a click on a case in any other stage is told the case has
   * moved on, and changes nothing. "any": the listener answers for itself.
   */
  readonly stages: readonly Stage[] | "any";
  readonly access: ActionAccess;
}

/**
 * One action on a case: a button whose value is the case reference. "with_stage": the case
 * message shows it while the case is in `stages` (and `offered` agrees), with this label and
 * style. "by_its_view": the notice or view that offers it renders it.
 */
export type CaseAction = ActionCommon &
  (
    | { readonly rendered: "with_stage"; readonly label: Localized; readonly style?: ButtonStyle; readonly offered?: (c: OfferedTo) => boolean }
    | { readonly rendered: "by_its_view"; readonly label?: Localized; readonly style?: ButtonStyle }
  );

/**
 * Every action on a case. A new button is one row here and one listener file
 * (slack/listeners/actions/). The case message shows its buttons in this order.
 * nextAction (stages.ts) quotes the labels: keep the two in step.
 */
export const caseActionTable = [
  {
    id: "customer_access_confirmed",
    stages: ["customer_access_pending"],
    access: "changes",
    rendered: "with_stage",
    label: { nb: "Kunden har fått tilgang", en: "Customer has access" },
    style: "primary",
  },
  { id: "brreg_confirmed", stages: ["awaiting_brreg"], access: "changes", rendered: "with_stage", label: { nb: "Brreg har bekreftet", en: "Brreg confirmed" } },
  { id: "report_scope", stages: ["awaiting_delegation"], access: "changes", rendered: "with_stage", label: { nb: "Rapporter scope", en: "Report scope" }, style: "primary" },
  { id: "check_now", stages: delegationWaitStages, access: "changes", rendered: "with_stage", label: { nb: "Sjekk nå", en: "Check now" } },
  // From any open stage, delegation_lost included.
  { id: "cancel_case", stages: openStages, access: "changes", rendered: "with_stage", label: { nb: "Avbryt saken", en: "Cancel case" } },
  // TT02 first, production next; the listener says why when the case no longer qualifies.
  {
    id: "start_production",
    stages: "any",
    access: "changes",
    rendered: "with_stage",
    label: { nb: "Start produksjon", en: "Start production" },
    style: "primary",
    offered: (c) => startsProduction(c.stage, c.environment, c.route),
  },
  // A fictitious case that works: production always needs a real customer.
  {
    id: "new_real_customer",
    stages: "any",
    access: "changes",
    rendered: "with_stage",
    label: { nb: "Ny sak med ekte kunde", en: "New case, real customer" },
    style: "primary",
    offered: (c) => c.route === "fictitious" && works(c.stage),
  },
  // Offered in the thread once Brreg's reply is in (fictitiousNotices.ts).
  {
    id: "confirm_fictitious",
    stages: ["awaiting_brreg"],
    access: "changes",
    rendered: "by_its_view",
    label: { nb: "Bekreft fiktiv virksomhet", en: "Confirm fictitious company" },
    style: "primary",
  },
  // Beside a text for the customer; the stage decides which text (none: a polite answer).
  { id: "send_to_customer", stages: "any", access: "changes", rendered: "by_its_view" },
  // Under a failed email.
  { id: "retry_order", stages: "any", access: "changes", rendered: "by_its_view" },
  // Under a failed token check.
  { id: "verify_token", stages: ["completed"], access: "changes", rendered: "by_its_view" },
  // Offered by awaiting_brreg reminders.
  { id: "send_followup", stages: ["awaiting_brreg"], access: "changes", rendered: "by_its_view" },
  // On every case message, open or closed. A change although it changes nothing: the log holds
  // contacts' e-mail addresses.
  { id: "export_events", stages: "any", access: "changes", rendered: "by_its_view" },
] as const satisfies readonly CaseAction[];

export type CaseActionId = (typeof caseActionTable)[number]["id"];

type StageRow = Extract<(typeof caseActionTable)[number], { rendered: "with_stage" }>;
type LabelledRow = Extract<(typeof caseActionTable)[number], { label: Localized }>;
/** The buttons a case message shows by its stage. */
export type CaseButton = StageRow["id"];

/** The row of an action of the app. */
export function caseAction(id: CaseActionId): CaseAction {
  const row = caseActionTable.find((a) => a.id === id);
  if (!row) throw new Error(`no case action ${id}`);
  return row;
}

/** Whether a click on `action` acts on a case in `stage`. */
export function actsIn(action: CaseAction, stage: Stage): boolean {
  return action.stages === "any" || action.stages.includes(stage);
}

/** The one stage an action moves a case from: the service's `from` for a button of one stage. */
export function fromStage(action: CaseAction): Stage {
  if (action.stages === "any" || action.stages.length !== 1) throw new Error(`${action.id} acts in more than one stage: it has no one stage to move from`);
  return action.stages[0]!;
}

/** The rows of the buttons a case message shows, in the table's order (a test may add rows to the table). */
export function offeredActions(c: OfferedTo, table: readonly CaseAction[] = caseActionTable): Array<Extract<CaseAction, { rendered: "with_stage" }>> {
  return table.filter((a): a is Extract<CaseAction, { rendered: "with_stage" }> => a.rendered === "with_stage" && actsIn(a, c.stage) && (a.offered?.(c) ?? true));
}

/** The buttons a case shows: its stage's, «Start produksjon» for a TT02 case that works, «Ny sak med ekte kunde» for a fictitious one. */
export function buttonsOf(stage: Stage, environment: Environment, route: Route = "existing"): CaseButton[] {
  return offeredActions({ stage, environment, route }).map((a) => a.id as CaseButton);
}

function everyCaseIn(stage: Stage): CaseButton[] {
  return caseActionTable.filter((a): a is StageRow => a.rendered === "with_stage" && !("offered" in a) && actsIn(a, stage)).map((a) => a.id);
}

/** The buttons of each stage that every case in it shows, whatever its environment and route. */
export const stageButtons: Record<Stage, ReadonlyArray<CaseButton>> = {
  customer_access_pending: everyCaseIn("customer_access_pending"),
  order_pending: everyCaseIn("order_pending"),
  awaiting_brreg: everyCaseIn("awaiting_brreg"),
  awaiting_delegation: everyCaseIn("awaiting_delegation"),
  completed: everyCaseIn("completed"),
  verified: everyCaseIn("verified"),
  delegation_lost: everyCaseIn("delegation_lost"),
  cancelled: everyCaseIn("cancelled"),
};

export const caseButtonLabel = Object.fromEntries(caseActionTable.filter((a): a is LabelledRow => "label" in a).map((a) => [a.id, a.label])) as Record<LabelledRow["id"], Localized>;
