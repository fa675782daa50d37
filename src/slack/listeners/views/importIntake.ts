import type { App } from "@slack/bolt";
import { OrderRegisterChecks } from "../../../service/registerChecks.js";
import type { Services } from "../../../service/services.js";
import { importText } from "../../messages/import.js";
import { importCallbackIds, importInputIds, importMessageView } from "../../views/importModal.js";
import { importCheck } from "./importCheck.js";
import { importSend } from "./importSend.js";
import { onWizardStep } from "./onSubmission.js";

/** `/delegering import`'s modal: the list checked line by line, then one case per ready line. */
export function registerImportIntake(app: App, svc: Services): void {
  const { rt } = svc;
  const locale = rt.config.locale;
  const t = importText[locale];
  const checks = new OrderRegisterChecks(rt.config.enhetsregisteret);

  const check = importCheck(svc, checks);
  const send = importSend(svc, checks);

  onWizardStep(
    app,
    rt,
    importCallbackIds.input,
    { modal: "import modal", step: "input" },
    (p, client) => check(p, client, Date.now()),
    () => ({ response_action: "errors", errors: { [importInputIds.customers]: t.checkFailed } }),
  );
  onWizardStep(app, rt, importCallbackIds.review, { modal: "import modal", step: "review" }, send, () => ({ response_action: "update", view: importMessageView(locale, t.expired) }));
}
