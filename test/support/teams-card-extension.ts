import { adaptiveCardSchemaIssues } from "./adaptive-card-schema.ts";

/*
 * Teams' one documented addition to a card: a top-level `msteams` object (Microsoft's "Format cards in
 * Teams": `width: "Full"` for full-width cards, `entities` for @mentions). The official 1.5 schema has
 * `additionalProperties: false` on AdaptiveCard, so it does not list `msteams`; every other host
 * ignores it. A card Liaison sends to Teams is checked as: the official schema's rules on everything
 * but `msteams` (with Teams' type-ahead list style read as the compact list other hosts show), and
 * `msteams` itself held to exactly what Teams documents.
 */

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function mentionIssues(entity: unknown, at: string, cardText: string): string[] {
  if (!isObject(entity)) return [`${at}: must be a mention entity`];
  const issues: string[] = [];
  const { type, text, mentioned, ...rest } = entity;
  if (type !== "mention") issues.push(`${at}.type: must be "mention"`);
  if (typeof text !== "string" || !/^<at>[^<>]+<\/at>$/.test(text)) {
    issues.push(`${at}.text: must be "<at>name</at>"`);
  } else if (!cardText.includes(text)) {
    issues.push(`${at}.text: ${text} appears in no TextBlock, so Teams would not render the mention`);
  }
  if (!isObject(mentioned) || typeof mentioned.id !== "string" || typeof mentioned.name !== "string") {
    issues.push(`${at}.mentioned: must be { id, name }`);
  }
  for (const key of Object.keys(rest)) issues.push(`${at}: a mention has no property "${key}"`);
  return issues;
}

/** The TextBlocks' text of a card (where Teams looks for `<at>` tags). */
function textBlocksText(node: unknown): string {
  if (Array.isArray(node)) return node.map(textBlocksText).join("\n");
  if (!isObject(node)) return "";
  const own = node.type === "TextBlock" && typeof node.text === "string" ? node.text : "";
  return [own, ...Object.values(node).map(textBlocksText)].join("\n");
}

/**
 * Teams' type-ahead list (Microsoft's "Typeahead search in Adaptive Cards"): `Input.ChoiceSet` with
 * `style: "filtered"`, which the 1.5 schema's ChoiceInputStyle (compact, expanded) does not list and
 * other hosts show as a compact list. Checked as "compact" by the official rules.
 */
function asOtherHostsSeeIt(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(asOtherHostsSeeIt);
  if (!isObject(node)) return node;
  const copy = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, asOtherHostsSeeIt(v)]));
  return node.type === "Input.ChoiceSet" && node.style === "filtered" ? { ...copy, style: "compact" } : copy;
}

/** Everything wrong with a card as Teams receives it: the official rules, and Teams' `msteams`. */
export function teamsCardIssues(card: Json): string[] {
  const { msteams, ...standard } = card;
  const issues = adaptiveCardSchemaIssues(asOtherHostsSeeIt(standard));
  if (msteams === undefined) return issues;
  if (!isObject(msteams)) return [...issues, `$.msteams: must be an object`];
  const { width, entities, ...rest } = msteams;
  if (width !== undefined && width !== "Full") issues.push(`$.msteams.width: must be "Full"`);
  if (entities !== undefined) {
    if (!Array.isArray(entities)) issues.push(`$.msteams.entities: must be an array`);
    else {
      const text = textBlocksText(standard.body);
      entities.forEach((e, i) => issues.push(...mentionIssues(e, `$.msteams.entities[${i}]`, text)));
    }
  }
  for (const key of Object.keys(rest)) issues.push(`$.msteams: Teams documents no property "${key}"`);
  return issues;
}
