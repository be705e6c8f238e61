import { CARD_ACTION_SPECS, type CardAction, SHOW_DETAILS_LABEL } from "../../core/index.ts";

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
/** The home card: sent for `home`, and asked for again by its refresh and its Refresh button. */
export const HOME_VERB = "liaison.home";
/** "Show details": the answer is the card with its full details, for the presser alone. */
export const SHOW_DETAILS_VERB = "liaison.showDetails";

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

interface TeamsButton {
  verb: string;
  title: string;
  secondary: boolean;
}

const button = (action: CardAction): TeamsButton => ({
  verb: TEAMS_VERBS[action].verb,
  title: CARD_ACTION_SPECS[action].label,
  secondary: CARD_ACTION_SPECS[action].secondary ?? false,
});

/** On every card, last: not an action on the concern, and used less than any. */
const SHOW_DETAILS: TeamsButton = { verb: SHOW_DETAILS_VERB, title: SHOW_DETAILS_LABEL, secondary: true };

// Teams cuts button titles to fit the card's width; the less used ones wait in the "…" menu.
const shown = (b: TeamsButton, mode = b.secondary ? "secondary" : "primary") => ({
  verb: b.verb,
  title: b.title,
  mode,
});

/** Teams renders at most five actions on a card, counting those in the "…" menu. */
export const TEAMS_MAX_ACTIONS = 5;

/**
 * A card's buttons as Teams can show them: all of them when they fit; otherwise the most used first,
 * and the rest behind a "More actions" button that opens them under the card (Action.ShowCard).
 */
export function teamsButtons(actions: readonly CardAction[]) {
  // A card without actions (one sent in a direct message, a merged one) gets no buttons at all.
  const all = actions.length > 0 ? [...actions.map(button), SHOW_DETAILS] : [];
  if (all.length <= TEAMS_MAX_ACTIONS) return { buttons: all.map((b) => shown(b)), moreButtons: [] };
  const ranked = [...all.filter((b) => !b.secondary), ...all.filter((b) => b.secondary)];
  const first = new Set(ranked.slice(0, TEAMS_MAX_ACTIONS - 1));
  return {
    buttons: all.filter((b) => first.has(b)).map((b) => shown(b)),
    moreButtons: all.filter((b) => !first.has(b)).map((b) => shown(b, "primary")),
  };
}

/** How many of a concern's buttons its line on the home card carries: the most used, so the card stays small. */
const HOME_BUTTONS = 2;

/** A concern's most used buttons for its line on the home card (its card has them all). */
export function homeButtons(actions: readonly CardAction[]): { verb: string; title: string }[] {
  const primary = actions.map(button).filter((b) => !b.secondary);
  return primary.slice(0, HOME_BUTTONS).map((b) => ({ verb: b.verb, title: b.title }));
}
