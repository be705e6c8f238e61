import { CARD_ACTION_LABEL, type CardAction } from "../../core/card-actions.ts";

/**
 * The one table between Action.Execute verbs and the core's card actions: it routes invokes and builds
 * the buttons, so the two cannot drift. `asks` actions first return a card that asks for text.
 */
export const TEAMS_VERBS: Record<CardAction, { verb: string; asks: "text" | "department" | null }> = {
  acknowledge: { verb: "liaison.acknowledge", asks: null },
  resolve: { verb: "liaison.resolve", asks: "text" },
  reassign: { verb: "liaison.reassign", asks: "department" },
  escalate: { verb: "liaison.escalate", asks: null },
  "add-note": { verb: "liaison.addNote", asks: "text" },
  reopen: { verb: "liaison.reopen", asks: "text" },
};

export const RAISE_VERB = "liaison.raise";
export const REFRESH_VERB = "liaison.refresh";

const BY_VERB = new Map(
  (Object.entries(TEAMS_VERBS) as [CardAction, (typeof TEAMS_VERBS)[CardAction]][]).map(([a, s]) => [
    s.verb,
    a,
  ]),
);

/** The input card's button sends `<verb>.submit`: the person has typed what the first click asked for. */
export const SUBMIT_SUFFIX = ".submit";

export function cardActionForVerb(verb: string): { action: CardAction; submit: boolean } | undefined {
  const submit = verb.endsWith(SUBMIT_SUFFIX);
  const action = BY_VERB.get(submit ? verb.slice(0, -SUBMIT_SUFFIX.length) : verb);
  return action ? { action, submit } : undefined;
}

export const teamsButtons = (actions: readonly CardAction[]) =>
  actions.map((action) => ({ verb: TEAMS_VERBS[action].verb, title: CARD_ACTION_LABEL[action] }));
