import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { ConcernAction } from "../../core/concern-state-machine.ts";
import { NotFoundError } from "../../core/errors.ts";
import type { PlatformIdentity } from "../../core/identify-actor.ts";
import { asDepartmentId, parseConcernId } from "../../core/ids.ts";
import { CONCERN_GONE } from "../../core/replies.ts";
import { actOnConcern } from "../../core/use-cases/act-on-concern.ts";
import {
  dm,
  formUnreadable,
  notSaved,
  parseJson,
  who,
  withTyped,
  type SlackDeps,
} from "./slack-handler-support.ts";
import { REASSIGN_MODAL, TEXT_MODALS, textModalMetadata } from "./slack-modals.ts";
import { valueOf, viewStateSchema } from "./slack-view-state.ts";

type Submit = ReturnType<typeof submitter>;

/** Applies a modal's action; when it cannot be saved, the person gets a DM with what they typed. */
function submitter(deps: SlackDeps) {
  const { ctx } = deps;
  return async (
    user: PlatformIdentity,
    client: WebClient,
    rawConcernId: string,
    action: ConcernAction,
    typed: readonly string[],
  ): Promise<void> => {
    const concernId = parseConcernId(rawConcernId);
    try {
      if (!concernId) throw new NotFoundError(CONCERN_GONE);
      const outcome = await actOnConcern(ctx, concernId, action, user);
      if (outcome.kind === "already-done") {
        await dm(
          client,
          user.userId,
          `${outcome.concern.reference} was already ${outcome.action}d by ${outcome.by.displayName}.`,
        );
        return;
      }
      deps.kickDelivery();
    } catch (error) {
      await dm(client, user.userId, withTyped(notSaved(ctx, error, action.type), typed));
    }
  };
}

/** Resolve, add note and reopen: one text field, required where the core says so. */
function registerTextModals(app: App, deps: SlackDeps, submitAction: Submit): void {
  const { ctx } = deps;
  for (const kind of ["resolve", "add-note", "reopen"] as const) {
    app.view(TEXT_MODALS[kind], async ({ ack, body, view, client }) => {
      const meta = textModalMetadata.safeParse(parseJson(view.private_metadata));
      const state = viewStateSchema.safeParse(view.state.values);
      if (!meta.success || !state.success) {
        await ack();
        await formUnreadable(ctx, client, body.user.id);
        return;
      }
      const text = valueOf(state.data, "text")?.trim() ?? "";
      if (meta.data.required && text.length === 0) {
        const what =
          kind === "resolve"
            ? "a resolution note: this concern is a grievance"
            : kind === "reopen"
              ? "why it is being reopened"
              : "a note";
        await ack({ response_action: "errors", errors: { text: `Please enter ${what}.` } });
        return;
      }
      await ack();
      const action: ConcernAction =
        kind === "resolve"
          ? { type: "resolve", resolutionNote: text || undefined }
          : kind === "reopen"
            ? { type: "reopen", reason: text }
            : { type: "add-note", text };
      await submitAction(who(body.user), client, meta.data.concernId, action, [text]);
    });
  }
}

/** Reassign: the department chosen, and an optional reason. */
function registerReassignModal(app: App, deps: SlackDeps, submitAction: Submit): void {
  const { ctx } = deps;
  app.view(REASSIGN_MODAL, async ({ ack, body, view, client }) => {
    const parsed = viewStateSchema.safeParse(view.state.values);
    if (!parsed.success) {
      await ack();
      await formUnreadable(ctx, client, body.user.id);
      return;
    }
    const state = parsed.data;
    const departmentId = valueOf(state, "department");
    const department = departmentId ? ctx.directory().department(asDepartmentId(departmentId)) : undefined;
    if (!department) {
      await ack({
        response_action: "errors",
        errors: { department: "Please choose the department to reassign to." },
      });
      return;
    }
    await ack();
    const reason = valueOf(state, "reason");
    await submitAction(
      who(body.user),
      client,
      view.private_metadata,
      { type: "reassign", toDepartment: department.id, toDepartmentName: department.name, reason },
      [department.name, reason ?? ""],
    );
  });
}

/** The modals a card's buttons open, submitted. */
export function registerActionModals(app: App, deps: SlackDeps): void {
  const submit = submitter(deps);
  registerTextModals(app, deps, submit);
  registerReassignModal(app, deps, submit);
}
