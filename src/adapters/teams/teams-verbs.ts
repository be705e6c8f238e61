import { CARD_ACTION_SPECS, type CardAction } from "../../core/index.ts";

/**
 * Teams' names for the core's card actions (Action.Execute verbs): they route invokes and build the
 * buttons. Everything a person reads comes from CARD_ACTION_SPECS. Verbs are part of cards already
 * posted: renaming one breaks those.
 */
export const TEAMS_VERBS: Readonly<Record<CardAction, { verb: string }>> = {
  acknowledge: { verb: "liaison.acknowledge" },
  reopen: { verb: "liaison.reopen" },
  resolve: { verb: "liaison.resolve" },
  reassign: { verb: "liaison.reassign" },
  escalate: { verb: "liaison.escalate" },
  "add-note": { verb: "liaison.addNote" },
  "mark-notice-sent": { verb: "liaison.noticeSent" },
  "send-interim-notice": { verb: "liaison.interimNotice" },
  "record-qio-referral": { verb: "liaison.qioReferral" },
  "record-satisfaction": { verb: "liaison.satisfaction" },
  "send-survey-link": { verb: "liaison.surveyLink" },
  "record-patient-update": { verb: "liaison.patientUpdated" },
  merge: { verb: "liaison.merge" },
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

const button = (action: CardAction) => ({
  verb: TEAMS_VERBS[action].verb,
  title: CARD_ACTION_SPECS[action].label,
  // Teams cuts button titles to fit the card's width; the less used ones wait in the "…" menu.
  mode: CARD_ACTION_SPECS[action].secondary ? "secondary" : "primary",
});

/** Teams renders at most five actions on a card, counting those in the "…" menu. */
export const TEAMS_MAX_ACTIONS = 5;

/**
 * A card's buttons as Teams can show them: all of them when they fit; otherwise the most used first,
 * and the rest behind a "More actions" button that opens them under the card (Action.ShowCard).
 */
export function teamsButtons(actions: readonly CardAction[]) {
  if (actions.length <= TEAMS_MAX_ACTIONS) return { buttons: actions.map(button), moreButtons: [] };
  const ranked = [
    ...actions.filter((a) => !CARD_ACTION_SPECS[a].secondary),
    ...actions.filter((a) => CARD_ACTION_SPECS[a].secondary),
  ];
  const shown = new Set(ranked.slice(0, TEAMS_MAX_ACTIONS - 1));
  return {
    buttons: actions.filter((a) => shown.has(a)).map(button),
    moreButtons: actions.filter((a) => !shown.has(a)).map((a) => ({ ...button(a), mode: "primary" })),
  };
}
