import type { App } from "@slack/bolt";
import {
  type ConcernDraftInput,
  InvalidInputError,
  LiaisonBusyError,
  checkConcernDraft,
  IdentifiersFoundError,
  raiseConcern,
  typedDraftLines,
} from "../../core/index.ts";
import { dm, formUnreadable, notSaved, who, withTyped, type SlackDeps } from "./slack-handler-support.ts";
import { CONCERN_MODAL, concernModal } from "./slack-modals.ts";
import { postAnywayTicked } from "./slack-identifier-warning.ts";
import { checkedOf, valueOf, type ViewState, viewStateSchema } from "./slack-view-state.ts";

/**
 * How long a form submission waits for its concern to be stored before the form closes. A concern
 * stored before the form closes survives a crash a moment later; one the form closed on before it was
 * stored does not, so the wait is as long as Slack allows with room for the network (it must be
 * answered within 3 s). The usual save takes milliseconds; a burst on the embedded store, hundreds.
 * (At 100 ms and at 1.5 s, the chaos test lost concerns their nurses had seen accepted on a machine
 * busy with other work.)
 */
const SAVE_BEFORE_ACK_MS = 2_500;
const delay = (ms: number) =>
  new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref());

function draftFrom(state: ViewState): ConcernDraftInput {
  return {
    unit: valueOf(state, "unit"),
    room: valueOf(state, "room"),
    patientReference: valueOf(state, "patientReference"),
    patientInitials: valueOf(state, "patientInitials"),
    category: valueOf(state, "category"),
    severity: valueOf(state, "severity"),
    description: valueOf(state, "description"),
    grievance: checkedOf(state, "grievance").includes("grievance"),
    postAnyway: postAnywayTicked(state),
  };
}

/** The concern form submitted: field errors keep it open; otherwise the concern is raised. */
export function registerConcernForm(app: App, deps: SlackDeps): void {
  const { ctx } = deps;
  app.view(CONCERN_MODAL, async ({ ack, body, view, client }) => {
    const state = viewStateSchema.safeParse(view.state.values);
    if (!state.success) {
      await ack();
      await formUnreadable(ctx, client, body.user.id);
      return;
    }
    const input = draftFrom(state.data);
    try {
      // In-memory checks only: the errors show on their fields, with everything typed still there.
      checkConcernDraft(ctx, input);
    } catch (error) {
      if (error instanceof InvalidInputError) {
        await ack({ response_action: "errors", errors: { ...error.fieldErrors } });
        return;
      }
      if (error instanceof IdentifiersFoundError) {
        const again = concernModal(ctx.directory(), input, view.private_metadata, {}, error.warning);
        await ack({ response_action: "update", view: again });
        return;
      }
      throw error;
    }
    // Saved before the form closes when the store answers in time (see SAVE_BEFORE_ACK_MS).
    const saving = raiseConcern(ctx, input, who(body.user)).then(
      () => ({ saved: true }) as const,
      (error: unknown) => ({ saved: false, error }) as const,
    );
    const first = await Promise.race([saving, delay(SAVE_BEFORE_ACK_MS)]);
    if (first?.saved === false) {
      // Still open: everything typed is on the form, with why it was not saved beside the description.
      const message =
        first.error instanceof LiaisonBusyError ? first.error.message : notSaved(ctx, first.error, "raise");
      await ack({ response_action: "errors", errors: { description: message } });
      return;
    }
    await ack();
    const outcome = await saving;
    if (outcome.saved) {
      deps.kickDelivery();
      return;
    }
    // The form is closed: send back what was typed so that nothing is lost.
    await dm(client, body.user.id, withTyped(notSaved(ctx, outcome.error, "raise"), typedDraftLines(input)));
  });
}
