/*
 * Adaptive Cards 1.5 as Microsoft's official JSON schema states it, written out as rules.
 *
 * Read from `schemas/1.5.0/adaptive-card.json` in the microsoft/AdaptiveCards repository on GitHub, at
 * commit 644d933e185a8482c4dcf4c375d177aac37fd095 (the file itself last changed in
 * 93695cf2df1117ab08e36ebe707d0ced18e4e9b3). No npm package ships that file (`adaptivecards`,
 * `adaptivecards-templating`, `adaptive-expressions`, `@microsoft/adaptivecards-tools`,
 * `@microsoft/teams.cards`, `@microsoft/teams-ai` ship none; `adaptivecards-designer` ships an old
 * 1.0-era schema with three action types), and Microsoft's file is not copied into this repository, so
 * its rules are here, definition by definition, under the same names:
 *
 * - every element, action and inline type the schema defines, and only those: `ImplementationsOf.Element`,
 *   `.Action`, `.ISelectAction` (no Action.ShowCard) and `.Inline` (TextRun or a plain string), with
 *   `type` required wherever the schema goes through an `ImplementationsOf` list;
 * - each type's properties (`additionalProperties: false` everywhere, with the `Extendable.*` bases
 *   merged in), its `required` ones, and each value's type and enum;
 * - nested cards (Action.ShowCard), fallbacks (an element, an action or a Column, or "drop"),
 *   selectActions, inlines, refresh and authentication.
 *
 * Where the file says less than it means, these rules follow what it means, so they are stricter than
 * a validator running the file (checked against one, ajv with the file, on every card Liaison sends and
 * on tens of thousands of mutations of them: every card the file rejects, these rules reject too):
 *
 * - Each enum is `anyOf: [{enum}, {pattern}]`, the pattern making it case-insensitive. A `pattern`
 *   says nothing about non-strings, so the file lets `"color": true` or `{}` through, and the patterns
 *   are anchored only at their ends (`^(default)|...|(attention)$`), so "reddark" passes as a color.
 *   Here an enum is a string equal to one of its values, ignoring case.
 * - For the same reason `fallback: anyOf [element-or-action, FallbackOption]` accepts any object, so
 *   the file never looks inside a fallback. Here a fallback is "drop" or a valid element / action.
 * - The top-level card needs `version` (the schema says so only in `version`'s description) and
 *   `"type": "AdaptiveCard"` (Teams needs it), and a type or property the file marks
 *   `"version": "1.x"` must not appear on a card declaring an older version.
 *
 * Where the file is odd but means it, the rules follow it: Container's and TableCell's right-to-left
 * property is spelled `rtl?` in 1.5 (so `rtl` there is unknown; Liaison never sets it), and a Column in
 * a ColumnSet, a Fact, a Choice, a TableRow/TableCell and `refresh.action` may omit `type`, because the
 * file refers to their definitions directly. (Ajv 8 also refuses the file as it is: it names itself
 * with draft-04's `id` while declaring draft-06.)
 */

type Json = Record<string, unknown>;
type Kind = "string" | "number" | "boolean" | "null" | "array" | "object";

interface Ctx {
  issues: string[];
  /** The top-level card's declared version, [major, minor]; undefined when absent or unreadable. */
  version?: [number, number];
}

interface Rule {
  /** How an issue names what was expected: "a string", "one of left, center, right". */
  label: string;
  /** The JSON kinds this rule can accept at all; `either` picks alternatives by these. */
  kinds: readonly Kind[];
  check(value: unknown, at: string, ctx: Ctx): void;
}

const kindOf = (v: unknown): Kind =>
  v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "object" ? "object" : (typeof v as Kind);

const isObject = (v: unknown): v is Json => kindOf(v) === "object";

function shown(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const parseVersion = (v: unknown): [number, number] | undefined => {
  const m = typeof v === "string" ? /^(\d+)\.(\d+)$/.exec(v) : null;
  return m ? [Number(m[1]), Number(m[2])] : undefined;
};

const newerThan = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];

// --- value rules ------------------------------------------------------------------------------------

function primitive(kind: Kind, label: string, extra?: (v: unknown) => string | undefined): Rule {
  return {
    label,
    kinds: [kind],
    check(v, at, ctx) {
      if (kindOf(v) !== kind) ctx.issues.push(`${at}: must be ${label}, got ${shown(v)}`);
      else {
        const problem = extra?.(v);
        if (problem) ctx.issues.push(`${at}: ${problem}`);
      }
    },
  };
}

const string = primitive("string", "a string");
const number = primitive("number", "a number");
const boolean = primitive("boolean", "a boolean");
const nothing = primitive("null", "null");
/** `"format": "uri-reference"`: a URI or a relative reference; RFC 3986 allows no spaces or controls. */
const uriReference = primitive("string", "a URI reference", (v) =>
  [...(v as string)].some((c) => /\s/.test(c) || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
    ? `${shown(v)} is not a URI reference`
    : undefined,
);
/** `"format": "uri"`: absolute, with a scheme. */
const uri = primitive("string", "a URI", (v) =>
  /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(v as string) ? undefined : `${shown(v)} is not an absolute URI`,
);
/** `"type": "object"` with nothing said about its content (Action.Submit/Execute `data`). */
const anyObject: Rule = primitive("object", "an object");

function either(...rules: Rule[]): Rule {
  const label = rules.map((r) => r.label).join(" or ");
  return {
    label,
    kinds: [...new Set(rules.flatMap((r) => r.kinds))],
    check(v, at, ctx) {
      const candidates = rules.filter((r) => r.kinds.includes(kindOf(v)));
      if (candidates.length === 0) {
        ctx.issues.push(`${at}: must be ${label}, got ${shown(v)}`);
        return;
      }
      let first: string[] | undefined;
      for (const rule of candidates) {
        const scratch: Ctx = { ...ctx, issues: [] };
        rule.check(v, at, scratch);
        if (scratch.issues.length === 0) return;
        first ??= scratch.issues;
      }
      ctx.issues.push(...first!);
    },
  };
}

const nullable = (rule: Rule) => either(rule, nothing);

function arrayOf(item: Rule): Rule {
  return {
    label: `an array of ${item.label}`,
    kinds: ["array"],
    check(v, at, ctx) {
      if (!Array.isArray(v)) ctx.issues.push(`${at}: must be an array of ${item.label}, got ${shown(v)}`);
      else v.forEach((x, i) => item.check(x, `${at}[${i}]`, ctx));
    },
  };
}

/** `"additionalProperties": {"type": "string"}` (the `requires` map). */
const stringMap: Rule = {
  label: "an object of strings",
  kinds: ["object"],
  check(v, at, ctx) {
    if (!isObject(v)) ctx.issues.push(`${at}: must be an object of strings, got ${shown(v)}`);
    else for (const [k, x] of Object.entries(v)) string.check(x, `${at}.${k}`, ctx);
  },
};

/** A type or property the schema marks `"version": "1.x"`: not on a card that declares an older one. */
function since(version: string, what: string, ctx: Ctx, at: string): void {
  const needed = parseVersion(version)!;
  if (ctx.version && newerThan(needed, ctx.version) > 0) {
    ctx.issues.push(`${at}: ${what} needs version ${version}, the card declares ${ctx.version.join(".")}`);
  }
}

function sinceRule(version: string, rule: Rule): Rule {
  return {
    ...rule,
    check(v, at, ctx) {
      since(version, "this property", ctx, at);
      rule.check(v, at, ctx);
    },
  };
}

/** One of the schema's enum definitions: case-insensitive, as its `pattern` alternative allows. */
function enumOf(name: string, values: readonly string[], version?: string): Rule {
  const allowed = new Set(values.map((x) => x.toLowerCase()));
  const rule = primitive("string", `one of ${values.join(", ")}`, (v) =>
    allowed.has((v as string).toLowerCase())
      ? undefined
      : `${shown(v)} is not a ${name} (one of ${values.join(", ")})`,
  );
  return version ? sinceRule(version, rule) : rule;
}

// --- enums (definitions "ActionMode" … "VerticalContentAlignment") ----------------------------------

const ActionMode = enumOf("ActionMode", ["primary", "secondary"], "1.5");
const ActionStyle = enumOf("ActionStyle", ["default", "positive", "destructive"], "1.2");
const AssociatedInputs = enumOf("AssociatedInputs", ["Auto", "None"]);
const BlockElementHeight = enumOf("BlockElementHeight", ["auto", "stretch"]);
const ChoiceInputStyle = enumOf("ChoiceInputStyle", ["compact", "expanded"]);
const Colors = enumOf("Colors", ["default", "dark", "light", "accent", "good", "warning", "attention"]);
const ContainerStyle = enumOf("ContainerStyle", [
  "default",
  "emphasis",
  "good",
  "attention",
  "warning",
  "accent",
]);
const FallbackOption = enumOf("FallbackOption", ["drop"]);
const FontSize = enumOf("FontSize", ["default", "small", "medium", "large", "extraLarge"]);
const FontType = enumOf("FontType", ["default", "monospace"]);
const FontWeight = enumOf("FontWeight", ["default", "lighter", "bolder"]);
const HorizontalAlignment = enumOf("HorizontalAlignment", ["left", "center", "right"]);
const ImageFillMode = enumOf("ImageFillMode", ["cover", "repeatHorizontally", "repeatVertically", "repeat"]);
const ImageSize = enumOf("ImageSize", ["auto", "stretch", "small", "medium", "large"]);
const ImageStyle = enumOf("ImageStyle", ["default", "person"]);
const Spacing = enumOf("Spacing", ["default", "none", "small", "medium", "large", "extraLarge", "padding"]);
const TextBlockStyle = enumOf("TextBlockStyle", ["default", "heading"], "1.5");
const TextInputStyle = enumOf("TextInputStyle", ["text", "tel", "url", "email", "password"]);
const VerticalAlignment = enumOf("VerticalAlignment", ["top", "center", "bottom"]);
const VerticalContentAlignment = enumOf("VerticalContentAlignment", ["top", "center", "bottom"]);

// --- object definitions -----------------------------------------------------------------------------

interface ObjectDef {
  version?: string;
  required?: readonly string[];
  properties: Record<string, Rule>;
  /** AuthCardButton: its `type` is any string (the kind of button), not the definition's name. */
  freeType?: true;
}

/** Filled below; `ref` looks names up lazily so definitions can refer to each other (and themselves). */
const DEFINITIONS: Record<string, ObjectDef> = {};

/** A definition used directly (`"$ref": "#/definitions/Column"`): `type` optional, but exact if given. */
function ref(name: string): Rule {
  return {
    label: `a ${name}`,
    kinds: ["object"],
    check(v, at, ctx) {
      checkObject(name, v, at, ctx, false);
    },
  };
}

/** An `ImplementationsOf.*` list: an object whose required `type` picks one of `names`. */
function implementationsOf(
  what: string,
  names: readonly string[],
  hints: Readonly<Record<string, string>> = {},
): Rule {
  return {
    label: what,
    kinds: ["object"],
    check(v, at, ctx) {
      if (!isObject(v)) {
        ctx.issues.push(`${at}: must be ${what}, got ${shown(v)}`);
        return;
      }
      if (typeof v.type !== "string") {
        ctx.issues.push(`${at}: ${what} needs a "type"`);
        return;
      }
      if (!names.includes(v.type)) {
        ctx.issues.push(
          `${at}: ${shown(v.type)} is not ${what} in Adaptive Cards 1.5 (allowed: ${names.join(", ")})${hints[v.type] ?? ""}`,
        );
        return;
      }
      checkObject(v.type, v, at, ctx, true);
    },
  };
}

function checkObject(name: string, v: unknown, at: string, ctx: Ctx, typeChecked: boolean): void {
  const def = DEFINITIONS[name];
  if (!def) throw new Error(`no definition ${name}`);
  if (!isObject(v)) {
    ctx.issues.push(`${at}: must be a ${name} object, got ${shown(v)}`);
    return;
  }
  if (def.version) since(def.version, name, ctx, at);
  if (!def.freeType && !typeChecked && "type" in v && v.type !== name) {
    ctx.issues.push(`${at}: "type" must be ${shown(name)}, got ${shown(v.type)}`);
  }
  for (const key of def.required ?? []) {
    if (!(key in v)) ctx.issues.push(`${at}: ${name} requires "${key}"`);
  }
  for (const [key, value] of Object.entries(v)) {
    if (key === "type" && !def.freeType) continue;
    const rule = def.properties[key];
    if (!rule) ctx.issues.push(`${at}: ${name} has no property "${key}" in Adaptive Cards 1.5`);
    else rule.check(value, `${at}.${key}`, ctx);
  }
}

const ELEMENTS = [
  "ActionSet",
  "ColumnSet",
  "Container",
  "FactSet",
  "Image",
  "ImageSet",
  "Input.ChoiceSet",
  "Input.Date",
  "Input.Number",
  "Input.Text",
  "Input.Time",
  "Input.Toggle",
  "Media",
  "RichTextBlock",
  "Table",
  "TextBlock",
] as const;
const ACTIONS = [
  "Action.Execute",
  "Action.OpenUrl",
  "Action.ShowCard",
  "Action.Submit",
  "Action.ToggleVisibility",
] as const;
const SELECT_ACTIONS = ACTIONS.filter((a) => a !== "Action.ShowCard");

const Element = implementationsOf("an element", ELEMENTS, {
  TextRun: "; a TextRun belongs in a RichTextBlock's inlines",
});
const Action = implementationsOf("an action", ACTIONS);
const SelectAction = implementationsOf("a selectAction", SELECT_ACTIONS);
const Inline = either(string, implementationsOf("an inline", ["TextRun"]));
const backgroundImage = (version?: string) => {
  const rule = either(ref("BackgroundImage"), uriReference);
  return version ? sinceRule(version, rule) : rule;
};
const rtl = sinceRule("1.5", nullable(boolean));

// The `Extendable.*` bases, merged into each type as the schema's allOf does.
const Item = { requires: sinceRule("1.2", stringMap) };
const ToggleableItem = { ...Item, id: string, isVisible: sinceRule("1.2", boolean) };
const ElementBase = {
  ...ToggleableItem,
  fallback: sinceRule("1.2", either(Element, FallbackOption)),
  height: sinceRule("1.1", BlockElementHeight),
  separator: boolean,
  spacing: Spacing,
};
const InputBase = {
  ...ElementBase,
  id: string,
  errorMessage: sinceRule("1.3", string),
  isRequired: sinceRule("1.3", boolean),
  label: sinceRule("1.3", string),
};
const INPUT_REQUIRED = ["id"] as const;
const ActionBase = {
  ...Item,
  title: string,
  iconUrl: sinceRule("1.1", uriReference),
  id: string,
  style: ActionStyle,
  fallback: sinceRule("1.2", either(Action, FallbackOption)),
  tooltip: sinceRule("1.5", string),
  isEnabled: sinceRule("1.5", boolean),
  mode: ActionMode,
};
const data = either(string, anyObject);

Object.assign(DEFINITIONS, {
  "Action.Execute": {
    version: "1.4",
    properties: { ...ActionBase, verb: string, data, associatedInputs: AssociatedInputs },
  },
  "Action.OpenUrl": { required: ["url"], properties: { ...ActionBase, url: uriReference } },
  "Action.ShowCard": { properties: { ...ActionBase, card: ref("AdaptiveCard") } },
  "Action.Submit": {
    properties: { ...ActionBase, data, associatedInputs: sinceRule("1.3", AssociatedInputs) },
  },
  "Action.ToggleVisibility": {
    version: "1.2",
    required: ["targetElements"],
    properties: { ...ActionBase, targetElements: arrayOf(either(string, ref("TargetElement"))) },
  },
  TargetElement: {
    required: ["elementId"],
    properties: { elementId: string, isVisible: nullable(boolean) },
  },
  AdaptiveCard: {
    properties: {
      version: string,
      refresh: sinceRule("1.4", ref("Refresh")),
      authentication: sinceRule("1.4", ref("Authentication")),
      body: arrayOf(Element),
      actions: arrayOf(Action),
      selectAction: sinceRule("1.1", SelectAction),
      fallbackText: string,
      backgroundImage: backgroundImage("1.2"),
      minHeight: sinceRule("1.2", string),
      rtl,
      speak: string,
      lang: string,
      verticalContentAlignment: sinceRule("1.1", VerticalContentAlignment),
      $schema: uri,
    },
  },
  ActionSet: {
    version: "1.2",
    required: ["actions"],
    properties: { ...ElementBase, actions: arrayOf(Action) },
  },
  Column: {
    properties: {
      ...ToggleableItem,
      items: arrayOf(Element),
      backgroundImage: backgroundImage("1.2"),
      bleed: sinceRule("1.2", boolean),
      fallback: sinceRule("1.2", either(ref("Column"), FallbackOption)),
      minHeight: sinceRule("1.2", string),
      rtl,
      separator: boolean,
      spacing: Spacing,
      selectAction: sinceRule("1.1", SelectAction),
      style: nullable(ContainerStyle),
      verticalContentAlignment: sinceRule("1.1", nullable(VerticalContentAlignment)),
      width: either(string, number),
    },
  },
  ColumnSet: {
    properties: {
      ...ElementBase,
      columns: arrayOf(ref("Column")),
      selectAction: sinceRule("1.1", SelectAction),
      style: sinceRule("1.2", nullable(ContainerStyle)),
      bleed: sinceRule("1.2", boolean),
      minHeight: sinceRule("1.2", string),
      horizontalAlignment: nullable(HorizontalAlignment),
    },
  },
  Container: {
    required: ["items"],
    properties: {
      ...ElementBase,
      items: arrayOf(Element),
      selectAction: sinceRule("1.1", SelectAction),
      style: nullable(ContainerStyle),
      verticalContentAlignment: sinceRule("1.1", nullable(VerticalContentAlignment)),
      bleed: sinceRule("1.2", boolean),
      backgroundImage: backgroundImage("1.2"),
      minHeight: sinceRule("1.2", string),
      "rtl?": rtl,
    },
  },
  Fact: { required: ["title", "value"], properties: { title: string, value: string } },
  FactSet: { required: ["facts"], properties: { ...ElementBase, facts: arrayOf(ref("Fact")) } },
  Image: {
    required: ["url"],
    properties: {
      ...ToggleableItem,
      url: uriReference,
      altText: string,
      backgroundColor: sinceRule("1.1", string),
      height: sinceRule("1.1", either(string, BlockElementHeight)),
      horizontalAlignment: nullable(HorizontalAlignment),
      selectAction: sinceRule("1.1", SelectAction),
      size: ImageSize,
      style: ImageStyle,
      width: sinceRule("1.1", string),
      fallback: sinceRule("1.2", either(Element, FallbackOption)),
      separator: boolean,
      spacing: Spacing,
    },
  },
  ImageSet: {
    required: ["images"],
    properties: { ...ElementBase, images: arrayOf(ref("Image")), imageSize: ImageSize },
  },
  TextRun: {
    version: "1.2",
    required: ["text"],
    properties: {
      text: string,
      color: nullable(Colors),
      fontType: nullable(FontType),
      highlight: boolean,
      isSubtle: nullable(boolean),
      italic: boolean,
      selectAction: SelectAction,
      size: nullable(FontSize),
      strikethrough: boolean,
      underline: sinceRule("1.3", boolean),
      weight: nullable(FontWeight),
    },
  },
  "Input.Choice": { required: ["title", "value"], properties: { title: string, value: string } },
  "Input.ChoiceSet": {
    required: INPUT_REQUIRED,
    properties: {
      ...InputBase,
      choices: arrayOf(ref("Input.Choice")),
      isMultiSelect: boolean,
      style: ChoiceInputStyle,
      value: string,
      placeholder: string,
      wrap: sinceRule("1.2", boolean),
    },
  },
  "Input.Date": {
    required: INPUT_REQUIRED,
    properties: { ...InputBase, max: string, min: string, placeholder: string, value: string },
  },
  "Input.Number": {
    required: INPUT_REQUIRED,
    properties: { ...InputBase, max: number, min: number, placeholder: string, value: number },
  },
  "Input.Text": {
    required: INPUT_REQUIRED,
    properties: {
      ...InputBase,
      isMultiline: boolean,
      maxLength: number,
      placeholder: string,
      regex: sinceRule("1.3", string),
      style: TextInputStyle,
      inlineAction: sinceRule("1.2", SelectAction),
      value: string,
    },
  },
  "Input.Time": {
    required: INPUT_REQUIRED,
    properties: { ...InputBase, max: string, min: string, placeholder: string, value: string },
  },
  "Input.Toggle": {
    required: [...INPUT_REQUIRED, "title"],
    properties: {
      ...InputBase,
      title: string,
      value: string,
      valueOff: string,
      valueOn: string,
      wrap: sinceRule("1.2", boolean),
    },
  },
  Media: {
    version: "1.1",
    required: ["sources"],
    properties: {
      ...ElementBase,
      sources: arrayOf(ref("MediaSource")),
      poster: uriReference,
      altText: string,
    },
  },
  MediaSource: {
    version: "1.1",
    required: ["mimeType", "url"],
    properties: { mimeType: string, url: uriReference },
  },
  RichTextBlock: {
    version: "1.2",
    required: ["inlines"],
    properties: {
      ...ElementBase,
      inlines: arrayOf(Inline),
      horizontalAlignment: nullable(HorizontalAlignment),
    },
  },
  Table: {
    version: "1.5",
    properties: {
      ...ElementBase,
      columns: arrayOf(ref("TableColumnDefinition")),
      rows: arrayOf(ref("TableRow")),
      firstRowAsHeader: boolean,
      showGridLines: boolean,
      gridStyle: nullable(ContainerStyle),
      horizontalCellContentAlignment: nullable(HorizontalAlignment),
      verticalCellContentAlignment: nullable(VerticalAlignment),
    },
  },
  TableCell: {
    version: "1.5",
    required: ["items"],
    properties: {
      items: arrayOf(Element),
      selectAction: sinceRule("1.1", SelectAction),
      style: nullable(ContainerStyle),
      verticalContentAlignment: sinceRule("1.1", nullable(VerticalContentAlignment)),
      bleed: sinceRule("1.2", boolean),
      backgroundImage: backgroundImage("1.2"),
      minHeight: sinceRule("1.2", string),
      "rtl?": rtl,
    },
  },
  TableColumnDefinition: {
    version: "1.5",
    properties: {
      width: either(string, number),
      horizontalCellContentAlignment: nullable(HorizontalAlignment),
      verticalCellContentAlignment: nullable(VerticalAlignment),
    },
  },
  TableRow: {
    version: "1.5",
    properties: {
      cells: arrayOf(ref("TableCell")),
      style: nullable(ContainerStyle),
      horizontalCellContentAlignment: nullable(HorizontalAlignment),
      verticalCellContentAlignment: nullable(VerticalAlignment),
    },
  },
  TextBlock: {
    required: ["text"],
    properties: {
      ...ElementBase,
      text: string,
      color: nullable(Colors),
      fontType: sinceRule("1.2", nullable(FontType)),
      horizontalAlignment: nullable(HorizontalAlignment),
      isSubtle: nullable(boolean),
      maxLines: number,
      size: nullable(FontSize),
      weight: nullable(FontWeight),
      wrap: boolean,
      style: nullable(TextBlockStyle),
    },
  },
  AuthCardButton: {
    version: "1.4",
    required: ["type", "value"],
    freeType: true,
    properties: { type: string, title: string, image: string, value: string },
  },
  Authentication: {
    version: "1.4",
    properties: {
      text: string,
      connectionName: string,
      tokenExchangeResource: ref("TokenExchangeResource"),
      buttons: arrayOf(ref("AuthCardButton")),
    },
  },
  BackgroundImage: {
    version: "1.2",
    required: ["url"],
    properties: {
      url: uriReference,
      fillMode: ImageFillMode,
      horizontalAlignment: HorizontalAlignment,
      verticalAlignment: VerticalAlignment,
    },
  },
  Refresh: {
    version: "1.4",
    properties: { action: ref("Action.Execute"), userIds: arrayOf(string) },
  },
  TokenExchangeResource: {
    version: "1.4",
    required: ["id", "uri", "providerId"],
    properties: { id: string, uri: string, providerId: string },
  },
} satisfies Record<string, ObjectDef>);

/**
 * Everything the official Adaptive Cards 1.5 schema rejects in `card` (a top-level card, as sent),
 * one line each with a JSON path; empty when the card is valid.
 */
export function adaptiveCardSchemaIssues(card: unknown): string[] {
  const ctx: Ctx = { issues: [] };
  if (!isObject(card)) return [`$: must be an AdaptiveCard object, got ${shown(card)}`];
  ctx.version = parseVersion(card.version);
  if (!("version" in card)) ctx.issues.push(`$: the top-level card requires "version"`);
  else if (typeof card.version === "string" && !ctx.version) {
    ctx.issues.push(`$.version: ${shown(card.version)} is not a version such as "1.5"`);
  }
  if (card.type !== "AdaptiveCard")
    ctx.issues.push(`$.type: must be "AdaptiveCard", got ${shown(card.type)}`);
  checkObject("AdaptiveCard", card, "$", ctx, true);
  return ctx.issues;
}
