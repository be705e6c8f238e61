/**
 * The core's public face: adapters, infra and main.ts import from here only (the layer test checks it),
 * so what the rest of Liaison may lean on is this list, and everything else in src/core may change freely.
 */
export * from "./errors.ts";
export * from "./ids.ts";
export * from "./platform.ts";
export * from "./actions/action-form.ts";
export * from "./actions/card-action-specs.ts";
export * from "./actions/card-actions.ts";
export * from "./actions/replies.ts";
export * from "./concern/concern-draft.schema.ts";
export * from "./concern/concern-summary.ts";
export * from "./concern/concern.ts";
export * from "./concern/identify-actor.ts";
export * from "./concern/sanitize-text.ts";
export * from "./concern/severity.ts";
export * from "./digest/digest.ts";
export * from "./digest/digest-text.ts";
export * from "./directory/directory-index.ts";
export * from "./directory/directory.ts";
export * from "./escalation/business-time.ts";
export * from "./escalation/duration.ts";
export * from "./escalation/policy-snapshot.ts";
export * from "./messaging/audit-event.ts";
export * from "./messaging/concern-cards.ts";
export * from "./messaging/delivery.ts";
export * from "./messaging/outbound-message.ts";
export * from "./messaging/plan-outbound-messages.ts";
export * from "./ports/chat-notifier.port.ts";
export * from "./ports/clock.port.ts";
export * from "./ports/concern-repository.port.ts";
export * from "./ports/logger.port.ts";
export * from "./ports/outbox-repository.port.ts";
export * from "./ports/teams-conversation-store.port.ts";
export * from "./use-cases/answer-concern-command.ts";
export * from "./use-cases/card-action-dialogue.ts";
export * from "./use-cases/deliver-outbox.ts";
export * from "./use-cases/liaison-context.ts";
export * from "./use-cases/outbox-pump.ts";
export * from "./use-cases/prune-sent-messages.ts";
export * from "./use-cases/queue-digest.ts";
export * from "./use-cases/raise-concern.ts";
export * from "./use-cases/sweep-due-concerns.ts";
export * from "./views/channel-card-view.ts";
export * from "./directory/unit-names.ts";
export * from "./duty/duty-roster.ts";
export * from "./ports/duty-repository.port.ts";
