import { createRequire } from "node:module";
import type * as AdaptiveCardsModule from "adaptivecards";

/*
 * Loading the `adaptivecards` SDK (3.0.6) in Node.
 *
 * Its package.json points `main` at lib/adaptivecards.js, which is ES-module syntax with
 * extensionless relative imports (`export * from "./strings"`) and no `"type": "module"`. Node
 * (≥ 20.19, which detects module syntax) loads it as ESM and then fails with ERR_MODULE_NOT_FOUND on
 * "./strings". The package also ships dist/adaptivecards.js, a self-contained UMD bundle (swiper
 * included) that loads fine through `require`, so that is what we load; the types still come from
 * lib/*.d.ts, which describe the same API.
 *
 * No DOM is needed: parsing (`card.parse`) and `validateProperties()` never touch `document` or
 * `window`; only `render()` would, and these tests never render.
 */
const require = createRequire(import.meta.url);
export const AC = require("adaptivecards/dist/adaptivecards.js") as typeof AdaptiveCardsModule;

/** Teams renders Adaptive Cards up to this schema version. */
export const TEAMS_MAX_VERSION = "1.5";
/** Teams refuses larger cards; stay below it. */
export const TEAMS_MAX_CARD_BYTES = 28 * 1024;

export const cardBytes = (card: unknown) => Buffer.byteLength(JSON.stringify(card), "utf8");

/** "1.5" → [1, 5]; compares schema versions numerically ("1.10" > "1.5"). */
export function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split(".").map(Number);
  const [bMajor = 0, bMinor = 0] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/*
 * Keys a card object may carry that are parsed by hand rather than declared in its schema
 * (`fallback` by the SerializationContext, child collections by the containers themselves).
 */
const HAND_PARSED_KEYS = new Set([
  "type",
  "fallback",
  "$schema",
  "body",
  "items",
  "actions",
  "columns",
  "inlines",
  "rows",
  "cells",
  "pages",
  // Action.ShowCard's card: the SDK parses it by hand (ShowCardAction.internalParse), as a card.
  "card",
  // Teams' host extension on the card itself ({ width: "Full" }, mention entities), documented by
  // Microsoft for Teams and ignored by other hosts; not part of the Adaptive Cards schema.
  "msteams",
]);

function schemaKeys(
  o: AdaptiveCardsModule.SerializableObject,
): Map<string, AdaptiveCardsModule.PropertyDefinition> {
  const schema = o.getSchema();
  const keys = new Map<string, AdaptiveCardsModule.PropertyDefinition>();
  for (let i = 0; i < schema.getCount(); i++) {
    const prop = schema.getItemAt(i);
    keys.set(prop.name, prop);
  }
  return keys;
}

/**
 * Every key of `source` must be a property the SDK knows for that object type; nested plain objects
 * (facts, choices, refresh) are checked against their own schemas. The SDK itself ignores unknown
 * properties silently, which would hide a typo such as "wrapp" or "isMultiLine".
 */
function checkKeys(
  o: AdaptiveCardsModule.SerializableObject,
  source: Json,
  where: string,
  issues: string[],
): void {
  const keys = schemaKeys(o);
  for (const key of Object.keys(source)) {
    const prop = keys.get(key);
    if (!prop) {
      if (!HAND_PARSED_KEYS.has(key)) issues.push(`${where}: unknown property "${key}"`);
      continue;
    }
    const value = source[key];
    if (prop instanceof AC.SerializableObjectCollectionProperty && Array.isArray(value)) {
      value.forEach((item, i) => {
        if (isObject(item)) checkKeys(new prop.objectType(), item, `${where}.${key}[${i}]`, issues);
      });
    } else if (prop instanceof AC.SerializableObjectProperty && isObject(value)) {
      checkKeys(new prop.objectType(), value, `${where}.${key}`, issues);
    }
  }
}

export interface CardCheck {
  card: AdaptiveCardsModule.AdaptiveCard;
  /** Parse events, unknown properties, and validateProperties() failures; empty when the card is clean. */
  issues: string[];
}

/**
 * Parses an expanded card with the SDK as a 1.5 host would and collects everything it objects to:
 * parse events (unknown element/action types, properties newer than 1.5, forbidden types), keys the
 * SDK does not know, and `validateProperties()` failures (duplicate ids, inputs without labels...).
 * Object-valued `fallback`s are parsed too, so an Action.Submit fallback is checked like any action.
 */
export function checkAdaptiveCard(payload: unknown): CardCheck {
  const issues: string[] = [];
  if (!isObject(payload)) return { card: new AC.AdaptiveCard(), issues: ["card is not an object"] };

  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const describe = (o: AdaptiveCardsModule.CardObject) => `${o.getJsonTypeName()}${o.id ? `#${o.id}` : ""}`;
  context.onParseElement = (element, source: Json, ctx) => {
    checkKeys(element, source, describe(element), issues);
    if (isObject(source.fallback)) ctx.parseElement(element.parent, source.fallback, [], false);
  };
  context.onParseAction = (action, source: Json, ctx) => {
    checkKeys(action, source, describe(action), issues);
    const parent = action.parent;
    if (isObject(source.fallback) && parent) ctx.parseAction(parent, source.fallback, [], false);
  };

  const card = new AC.AdaptiveCard();
  card.parse(payload, context);
  checkKeys(card, payload, "AdaptiveCard", issues);

  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    issues.push(`parse: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of card.validateProperties().validationEvents) {
    issues.push(`validate: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  return { card, issues };
}
