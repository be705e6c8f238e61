// Street addresses: a house number, one to three name words and a street type ("1428 Elm Street",
// "4471 N. Maple Ave", "1200 W 35th Street"). Typed in lower case ("45 maple ave") only the unmistakable
// street types count, and the name words may not be little words, so "3 on the road" is not an address.
// A post office box counts too.
import type { PatternRule } from "./identifier-rule.ts";

// "Dr" followed by a name is a doctor ("4 West Dr. Patel"), not a drive.
const STREET_TYPES =
  "(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr(?!\\.? [A-Z][a-z])|Boulevard|Blvd|Way|Court|Ct|Place|Pl|Terrace|Circle|Parkway|Pkwy|Highway|Hwy)";
const LOWER_CASE_STREET_TYPES =
  "(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|terrace|parkway|pkwy)";
const LITTLE_WORDS = "(?:the|a|an|on|in|at|to|of|and|or|for|per|by|up|down|her|his|my|our|their|this|that|x)";
const DIRECTION = String.raw`(?:[NSEW]\.? )?`;
const NAME_WORD = String.raw`(?:[A-Z][a-z]+|\d+(?:st|nd|rd|th))`;

export const STREET_ADDRESS_RULES: readonly PatternRule[] = [
  // A post office box is where the bills go: as identifying as the street.
  { kind: "street-address", pattern: /\bP\.? ?O\.? Box \d+\b/gi, group: 0 },
  {
    kind: "street-address",
    pattern: new RegExp(String.raw`\b\d{1,6} ${DIRECTION}(?:${NAME_WORD} ){1,3}${STREET_TYPES}\b\.?`, "g"),
    group: 0,
  },
  {
    kind: "street-address",
    pattern: new RegExp(
      String.raw`\b\d{1,6} (?:(?!${LITTLE_WORDS} )[a-z]+ ){1,2}${LOWER_CASE_STREET_TYPES}\b\.?`,
      "g",
    ),
    group: 0,
  },
];
