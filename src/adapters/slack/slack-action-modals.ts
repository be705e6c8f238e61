import type { App } from "@slack/bolt";
import {
  type CardAction,
  FIELD_IDS,
  type FormValues,
  type PlatformIdentity,
  checkActionForm,
  refusedReply,
  submitCardAction,
  typedLines,
  whyNotSaved,
} from "../../core/index.ts";
import type { WebClient } from "@slack/web-api";
import { SLACK_MODALS } from "./slack-action-table.ts";
import { dm, formUnreadable, who, withTyped, type SlackDeps } from "./slack-handler-support.ts";
import { actionModal, modalSubject } from "./slack-modals.ts";
import { postAnywayTicked } from "./slack-identifier-warning.ts";
import { valueOf, viewStateSchema, type ViewState } from "./slack-view-state.ts";

/** The submitted values of a form's fields (each field's block_id is its id). */
function formValues(state: ViewState): FormValues {
  const values: FormValues = {};
  for (const id of FIELD_IDS) {
    const value = valueOf(state, id);
    if (value !== undefined) values[id] = value;
  }
  if (postAnywayTicked(state)) values.postAnyway = "yes";
  return values;
}

/**
 * Applies a submitted modal once Slack has been answered. The modal is closed by then, so whatever the
 * person should know (it was not saved, and what they typed; already done by whom) comes as a DM.
 */
async function afterClose(
  deps: SlackDeps,
  client: WebClient,
  user: PlatformIdentity,
  submitted: { concernId: string; action: CardAction; values: FormValues },
): Promise<void> {
  const reply = await submitCardAction(
    deps.ctx,
    submitted.concernId,
    submitted.action,
    submitted.values,
    user,
  );
  switch (reply.kind) {
    case "form":
      await dm(client, user.userId, withTyped(whyNotSaved(reply.form), typedLines(reply.form)));
      return;
    case "card":
      if (reply.changed) deps.kickDelivery();
      if (reply.notice) await dm(client, user.userId, reply.notice);
      return;
    case "message":
      await dm(client, user.userId, reply.text);
      return;
  }
}

/**
 * The modals a card's buttons open, submitted. What the core can check without the store (a required
 * note, a chosen department) is answered inline so the modal stays open with the error by its field.
 */
export function registerActionModals(app: App, deps: SlackDeps): void {
  const { ctx } = deps;
  for (const { action, modalId } of SLACK_MODALS) {
    app.view(modalId, async ({ ack, body, view, client }) => {
      const subject = modalSubject(view.private_metadata);
      const state = viewStateSchema.safeParse(view.state.values);
      if (!subject || !state.success) {
        await ack();
        await formUnreadable(ctx, client, body.user.id);
        return;
      }
      const values = formValues(state.data);
      const checked = checkActionForm(ctx, action, subject, values);
      if ("form" in checked && checked.form.identifiers) {
        // The same modal again, everything typed still in it, with what may identify the patient marked.
        await ack({ response_action: "update", view: actionModal(checked.form, view.callback_id) });
        return;
      }
      if ("form" in checked) {
        const errors = checked.form.errors;
        if (Object.keys(errors).every((id) => id in state.data)) {
          await ack({ response_action: "errors", errors });
          return;
        }
        // A modal opened before this form changed lacks a field now required: Slack cannot mark a
        // field the modal does not show, so the modal closes and the person gets the reasons and their text.
        await ack();
        const why = refusedReply(action, Object.values(errors).join(" "));
        await dm(client, body.user.id, withTyped(why, Object.values(values)));
        return;
      }
      await ack();
      await afterClose(deps, client, who(body.user), { concernId: subject.id, action, values });
    });
  }
}
