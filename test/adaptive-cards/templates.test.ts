import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Template } from "adaptivecards-templating/lib/template-engine.js";
import { describe, expect, it } from "vitest";
import {
  TEAMS_MAX_CARD_BYTES,
  TEAMS_MAX_VERSION,
  cardBytes,
  checkAdaptiveCard,
  compareVersions,
} from "../support/adaptive-card-validation.ts";
import { actionFormCard, concernCard, digestCard } from "../../src/adapters/teams/teams-cards.ts";
import type { CardView } from "../../src/core/views/channel-card-view.ts";
import type { DigestContent } from "../../src/core/digest/digest.ts";
import { actionForm } from "../../src/core/use-cases/card-action-dialogue.ts";
import { sampleDirectory } from "../support/sample-directory.ts";

type Json = Record<string, unknown>;

const CARDS_DIR = fileURLToPath(new URL("../../adaptive-cards/", import.meta.url));
const TEMPLATES = readdirSync(CARDS_DIR)
  .filter((f) => f.endsWith(".json") && !f.endsWith(".data.json"))
  .sort();

const readJson = (file: string): Json => JSON.parse(readFileSync(join(CARDS_DIR, file), "utf8")) as Json;
const dataFileFor = (template: string) => template.replace(/\.json$/, ".data.json");
const template = (name: string) => readJson(`${name}.json`);
const sample = (name: string) => readJson(`${name}.data.json`);

/** The call the Teams adapter makes: a fresh Template per expansion, data as $root. */
const expand = (card: Json, data: Json): Json => new Template(card).expand({ $root: data }) as Json;

/** Every object in the card (depth first) whose "type" is one of `types`. */
function findAll(node: unknown, ...types: string[]): Json[] {
  const found: Json[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (typeof n === "object" && n !== null) {
      const o = n as Json;
      if (typeof o.type === "string" && types.includes(o.type)) found.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(node);
  return found;
}

/** What a reader sees, block by block: a TextBlock's text, or a RichTextBlock's runs joined. */
const texts = (card: Json) =>
  findAll(card, "TextBlock", "RichTextBlock").map((t) =>
    t.type === "TextBlock" ? String(t.text) : (t.inlines as Json[]).map((r) => String(r.text)).join(""),
  );
const byId = (card: Json, id: string) =>
  findAll(card, "Input.Text", "Input.ChoiceSet", "Input.Toggle", "Input.Date").find((i) => i.id === id);
const topLevelActions = (card: Json) => (Array.isArray(card.actions) ? (card.actions as Json[]) : []);

/** Expanded, within Teams' limits, and clean for the SDK: the checks every rendering must pass. */
function expectTeamsReady(card: Json) {
  expect(JSON.stringify(card)).not.toContain("${");
  expect(compareVersions(String(card.version), TEAMS_MAX_VERSION)).toBeLessThanOrEqual(0);
  expect(cardBytes(card)).toBeLessThan(TEAMS_MAX_CARD_BYTES);
  expect(checkAdaptiveCard(card).issues).toEqual([]);
}

describe("adaptive-cards/ templates", () => {
  it("finds the templates", () => {
    expect(TEMPLATES).toEqual(
      expect.arrayContaining([
        "concern-card.json",
        "concern-form.json",
        "digest-card.json",
        "message-card.json",
        "action-form.json",
      ]),
    );
  });

  describe.each(TEMPLATES)("%s", (file) => {
    it("has a sample data file next to it", () => {
      expect(existsSync(join(CARDS_DIR, dataFileFor(file)))).toBe(true);
    });

    it("expands with its sample data leaving no unbound ${...}", () => {
      const expanded = expand(readJson(file), readJson(dataFileFor(file)));
      expect(JSON.stringify(expanded)).not.toContain("${");
    });

    it("is an AdaptiveCard of version <= 1.5 and under 28 KB", () => {
      const expanded = expand(readJson(file), readJson(dataFileFor(file)));
      expect(expanded.type).toBe("AdaptiveCard");
      expect(typeof expanded.version).toBe("string");
      expect(compareVersions(String(expanded.version), TEAMS_MAX_VERSION)).toBeLessThanOrEqual(0);
      expect(cardBytes(expanded)).toBeLessThan(TEAMS_MAX_CARD_BYTES);
    });

    it("parses and validates with the adaptivecards SDK without a single issue", () => {
      const expanded = expand(readJson(file), readJson(dataFileFor(file)));
      const { card, issues } = checkAdaptiveCard(expanded);
      expect(issues).toEqual([]);
      expect(card.getItemCount()).toBeGreaterThan(0);
    });
  });
});

describe("the SDK check itself", () => {
  it("reports unknown elements, unknown properties, 1.6 properties and unlabeled required inputs", () => {
    const { issues } = checkAdaptiveCard({
      type: "AdaptiveCard",
      version: "1.5",
      body: [
        { type: "TextBlock", text: "hi", wrapp: true },
        { type: "Bogus" },
        { type: "Input.Text", id: "x", isRequired: true },
      ],
      actions: [
        {
          type: "Action.Execute",
          verb: "v",
          title: "T",
          fallback: { type: "Action.Submit", title: "T", dataa: {} },
        },
      ],
    });
    const all = issues.join("\n");
    expect(all).toContain('unknown property "wrapp"');
    expect(all).toContain("UnknownElementType");
    expect(all).toContain('unknown property "dataa"');
    expect(all).toContain("RequiredInputsShouldHaveLabel");
    expect(all).toContain("RequiredInputsShouldHaveErrorMessage");
  });
});

describe("concern-card.json", () => {
  const card = template("concern-card");
  const data = sample("concern-card");
  const buttons = data.buttons as { verb: string; title: string }[];

  it("has one Action.Execute per button, each with an Action.Submit fallback carrying the verb", () => {
    const expanded = expand(card, data);
    const actions = topLevelActions(expanded);
    expect(actions).toHaveLength(buttons.length);
    expect(findAll(expanded.actions, "Action.Execute")).toHaveLength(buttons.length);
    actions.forEach((action, i) => {
      const button = buttons[i]!;
      expect(action).toMatchObject({
        type: "Action.Execute",
        verb: button.verb,
        title: button.title,
        data: { concernId: data.concernId },
      });
      expect(action.fallback).toEqual({
        type: "Action.Submit",
        title: button.title,
        data: { verb: button.verb, concernId: data.concernId },
      });
    });
  });

  it("more buttons than Teams shows (five): the most used four, then More actions opening the rest under the card", () => {
    const view = {
      ...(data as unknown as CardView),
      actions: [
        "record-patient-update",
        "resolve",
        "send-interim-notice",
        "reassign",
        "escalate",
        "add-note",
      ],
    } as CardView;
    const expanded = concernCard(view) as Json;
    expectTeamsReady(expanded);
    const actions = topLevelActions(expanded);
    expect(actions.map((a) => a.title)).toEqual([
      "Patient/family updated",
      "Resolve",
      "Send interim notice",
      "Escalate now",
      "More actions",
    ]);
    const more = actions.at(-1)!;
    expect(more.type).toBe("Action.ShowCard");
    const inside = topLevelActions(more.card as Json);
    expect(inside.map((a) => [a.type, a.verb])).toEqual([
      ["Action.Execute", "liaison.reassign"],
      ["Action.Execute", "liaison.addNote"],
      ["Action.Execute", "liaison.showDetails"],
    ]);
    expect(findAll(expanded, "Action.Execute")).toHaveLength(7);
    // Five or fewer with Show details: no More actions.
    const fewer = topLevelActions(concernCard({ ...view, actions: view.actions.slice(2) }) as Json);
    expect(fewer.map((a) => a.title)).toHaveLength(5);
    expect(fewer.at(-1)?.title).toBe("Show details");
  });

  it("shows the title, the facts, the description and every line", () => {
    const expanded = expand(card, data);
    const [title] = findAll(expanded, "TextBlock");
    expect(title).toMatchObject({ text: data.title, weight: "bolder", wrap: true });
    const facts = texts(expanded).filter((t) =>
      /^(Unit \/ room|Patient ref\.|Category|Department): /.test(t),
    );
    expect(facts.map((f) => f.split(": ")[0])).toEqual([
      "Unit / room",
      "Patient ref.",
      "Category",
      "Department",
    ]);
    expect(facts[1]).toBe("Patient ref.: •••417");
    expect(texts(expanded)).toEqual(
      expect.arrayContaining([
        data.description,
        data.statusLine,
        data.escalationLine,
        data.grievanceLine,
        data.repeatLine,
      ]),
    );
  });

  it("asks Teams to refresh for the listed users only, at most 60 of them", () => {
    const expanded = expand(card, data);
    expect(expanded.refresh).toEqual({
      action: { type: "Action.Execute", verb: "liaison.refresh", data: { concernId: data.concernId } },
      userIds: data.userIds,
    });

    const many = Array.from({ length: 75 }, (_, i) => `29:1f3kQxExampleUserMri${String(i).padStart(3, "0")}`);
    const capped = expand(card, { ...data, userIds: many });
    expect((capped.refresh as Json).userIds).toEqual(many.slice(0, 60));
    expectTeamsReady(capped);
  });

  it("has no refresh clause when there are no user ids (the template engine leaves refresh: null)", () => {
    const expanded = expand(card, { ...data, userIds: [] });
    // A false $when on an object-valued property yields null rather than removing the key.
    expect(expanded.refresh ?? null).toBeNull();
    expect(JSON.stringify(expanded)).not.toContain("liaison.refresh");
    expectTeamsReady(expanded);
  });

  it("drops absent escalation and grievance lines instead of printing them empty", () => {
    const { escalationLine: _e, grievanceLine: _g, ...rest } = data;
    const expanded = expand(card, rest);
    const shown = texts(expanded);
    expect(shown).not.toContain(data.escalationLine);
    expect(shown).not.toContain(data.grievanceLine);
    expect(shown).not.toContain("");
    expectTeamsReady(expanded);
  });

  it("on the card left behind after a reassignment: the move leads, with who, when and why, and no actions", () => {
    const { escalationLine: _e, ...rest } = data;
    const moved = {
      ...rest,
      state: "moved",
      stateLabel: "➡️ Moved",
      stateStyle: "emphasis",
      movedTo: "Patient Experience",
      statusLine: "Moved to Patient Experience by Sam Rivera at 14:30: family asked for the liaison",
      actions: [],
      buttons: [],
    };
    const expanded = expand(card, moved);
    expect(topLevelActions(expanded)).toEqual([]);
    expect(findAll(expanded.body, "Action.Execute", "Action.Submit", "Action.OpenUrl")).toEqual([]);
    const band = findAll(expanded.body, "Container")[0]!;
    expect(band).toMatchObject({ style: "emphasis" });
    expect(texts(band)).toEqual(["➡️ Moved", moved.statusLine]);
    expect(texts(expanded)).toContain(
      "Follow the concern in Patient Experience's channel; this card is kept for the record.",
    );
    expectTeamsReady(expanded);
  });

  it("stays under 28 KB with a 3,000-character description (ASCII or 3-byte characters) and 60 users", () => {
    const userIds = Array.from({ length: 60 }, (_, i) => `29:1f3kQxExampleUserMriWithAFairlyLongId${i}`);
    for (const ch of ["x", "漢"]) {
      const expanded = expand(card, { ...data, description: ch.repeat(3000), userIds });
      expect(findAll(expanded, "TextRun").some((t) => String(t.text).length === 3000)).toBe(true);
      expectTeamsReady(expanded);
    }
  });
});

describe("concern-form.json", () => {
  const form = template("concern-form");
  const data = sample("concern-form");
  const values = data.values as Json;

  const errorAfter = (card: Json, id: string): Json | undefined => {
    const body = card.body as Json[];
    const next = body[body.findIndex((e) => e.id === id) + 1];
    const run = next?.type === "RichTextBlock" ? (next.inlines as Json[])[0] : undefined;
    return run?.color === "attention" ? run : undefined;
  };

  it("re-rendered with errors.unit shows that message under the unit and keeps what was typed", () => {
    const description = "Call light unanswered for 25 minutes; patient's son is upset.";
    const expanded = expand(form, {
      ...data,
      values: { ...values, description },
      errors: { unit: "Please enter the unit." },
    });
    expect(errorAfter(expanded, "unit")).toMatchObject({ type: "TextRun", text: "Please enter the unit." });
    expect(byId(expanded, "description")).toMatchObject({
      value: description,
      isMultiline: true,
      maxLength: 3000,
    });
    expect(byId(expanded, "patientReference")!.value).toBe(values.patientReference);
    expect(byId(expanded, "category")!.value).toBe("pain");
    expect(byId(expanded, "severity")!.value).toBe("high");
    // Only the field that failed gets an error line.
    for (const id of ["room", "patientReference", "category", "severity", "description", "grievance"]) {
      expect(errorAfter(expanded, id)).toBeUndefined();
    }
    expectTeamsReady(expanded);
  });

  it("with the directory's units, the unit is a list Teams filters as one types, the chosen one kept", () => {
    const expanded = expand(form, { ...data, values: { unit: "4w" } });
    const units = findAll(expanded, "Input.Text", "Input.ChoiceSet").filter((i) => i.id === "unit");
    expect(units).toHaveLength(1);
    expect(units[0]).toMatchObject({
      type: "Input.ChoiceSet",
      style: "filtered",
      value: "4w",
      isRequired: true,
    });
    expect((units[0]!.choices as Json[]).map((c) => c.title)).toContain("4 West");
    expectTeamsReady(expanded);
  });

  it("a first render (no values, no errors) has empty inputs and no error lines", () => {
    const expanded = expand(form, { categories: data.categories });
    for (const id of ["unit", "room", "patientReference", "category", "severity", "description"]) {
      expect(byId(expanded, id)!.value).toBe("");
    }
    expect(byId(expanded, "grievance")!.value).toBe("false");
    expect(findAll(expanded, "TextBlock").filter((t) => t.color === "attention")).toEqual([]);
    expectTeamsReady(expanded);
  });

  it("has the fields, ids and choices the core's draft schema expects", () => {
    const expanded = expand(form, { ...data, values: { ...values, grievance: true } });
    const inputs = findAll(expanded, "Input.Text", "Input.ChoiceSet", "Input.Toggle");
    expect(inputs.map((i) => i.id)).toEqual([
      "unit",
      "room",
      "patientReference",
      "patientInitials", // the sample asks: some card in its hospital shows initials
      "category",
      "severity",
      "description",
      "grievance",
    ]);
    expect(String(byId(expanded, "patientReference")!.placeholder)).toMatch(
      /encounter or account number, never a name/i,
    );
    expect(byId(expanded, "category")!.choices).toEqual(data.categories);
    expect((byId(expanded, "severity")!.choices as Json[]).map((c) => c.value)).toEqual([
      "low",
      "moderate",
      "high",
      "critical",
    ]);
    expect(byId(expanded, "grievance")).toMatchObject({ valueOn: "true", valueOff: "false", value: "true" });
    expect(topLevelActions(expanded)).toEqual([
      expect.objectContaining({
        type: "Action.Execute",
        verb: "liaison.raise",
        fallback: expect.objectContaining({
          type: "Action.Submit",
          data: expect.objectContaining({ verb: "liaison.raise" }),
        }),
      }),
    ]);
  });
});

describe("action-form.json, rendered from the core's action forms", () => {
  const directory = sampleDirectory();
  const grievance = {
    id: "c0a8012e-5b7d-4f3c-9e21-7d4f1a2b3c4d",
    reference: "PR-2026-00042",
    departmentId: "nursing-4w",
    isGrievance: true,
  };
  const routine = { ...grievance, isGrievance: false };
  const formCard = (...args: Parameters<typeof actionForm>) => actionFormCard(actionForm(...args)) as Json;

  it("a grievance's resolution: the four elements of the written notice, each required, with the core's errors, submitting resolve", () => {
    const missing = "Please enter the steps taken to investigate the grievance.";
    const expanded = formCard(
      directory,
      "resolve",
      grievance,
      { contact: "Pat Morgan", completedOn: "2026-11-27", language: "es" },
      { steps: missing },
    );
    expect(byId(expanded, "contact")).toMatchObject({
      type: "Input.Text",
      isMultiline: false,
      isRequired: true,
      value: "Pat Morgan",
      maxLength: 200,
    });
    expect(byId(expanded, "steps")).toMatchObject({
      type: "Input.Text",
      isMultiline: true,
      isRequired: true,
      errorMessage: missing,
    });
    expect(byId(expanded, "results")).toMatchObject({
      type: "Input.Text",
      isMultiline: true,
      isRequired: true,
    });
    expect(byId(expanded, "completedOn")).toMatchObject({
      type: "Input.Date",
      isRequired: true,
      value: "2026-11-27",
    });
    expect(byId(expanded, "language")).toMatchObject({
      type: "Input.ChoiceSet",
      value: "es",
      placeholder: "Choose a language",
      choices: [
        { title: "English", value: "en" },
        { title: "Español", value: "es" },
      ],
    });
    expect(byId(expanded, "text")).toBeUndefined();
    expect(texts(expanded)).toEqual(expect.arrayContaining(["Resolve concern", "PR-2026-00042", missing]));
    expect(topLevelActions(expanded)).toEqual([
      {
        type: "Action.Execute",
        verb: "liaison.resolve.submit",
        title: "Resolve",
        style: "positive",
        data: { concernId: grievance.id },
        fallback: {
          type: "Action.Submit",
          title: "Resolve",
          style: "positive",
          data: { verb: "liaison.resolve.submit", concernId: grievance.id },
        },
      },
    ]);
    expectTeamsReady(expanded);
  });

  it("a routine resolution: the note is optional, labelled so, with no hint and no error line", () => {
    const expanded = formCard(directory, "resolve", routine);
    expect(byId(expanded, "text")).toMatchObject({
      isRequired: false,
      value: "",
      label: "Resolution note (optional)",
    });
    expect(findAll(expanded, "TextRun").filter((t) => t.color === "attention")).toEqual([]);
    expect(texts(expanded)).not.toContain("Required: this concern is a grievance.");
    expectTeamsReady(expanded);
  });

  it("a reopening shown again keeps what was typed and says why it was not saved", () => {
    const expanded = formCard(
      directory,
      "reopen",
      routine,
      { text: "Family says the pain is back." },
      { form: "Your reopening was NOT saved." },
    );
    expect(byId(expanded, "text")).toMatchObject({
      isRequired: true,
      value: "Family says the pain is back.",
    });
    expect(texts(expanded)).toContain("Your reopening was NOT saved.");
    expect(topLevelActions(expanded)[0]).toMatchObject({ verb: "liaison.reopen.submit", title: "Reopen" });
    expectTeamsReady(expanded);
  });

  it("a reassignment: the picker is labelled New department (not Reason), without the current one, and the reason kept", () => {
    const expanded = formCard(
      directory,
      "reassign",
      routine,
      { department: "patient-relations", reason: "Needs the pain team." },
      { department: "Please choose the department to reassign to." },
    );
    const picker = byId(expanded, "department")!;
    expect(picker).toMatchObject({
      type: "Input.ChoiceSet",
      label: "New department",
      value: "patient-relations",
      isRequired: true,
    });
    const choices = (picker.choices as Json[]).map((c) => c.value);
    expect(choices).toEqual(
      directory.directory.departments.filter((d) => d.id !== "nursing-4w").map((d) => d.id),
    );
    expect(byId(expanded, "reason")).toMatchObject({
      label: "Reason (optional)",
      value: "Needs the pain team.",
    });
    expect(byId(expanded, "text")).toBeUndefined();
    expect(texts(expanded)).toContain("Please choose the department to reassign to.");
    expectTeamsReady(expanded);
  });

  it("the sample data expands to the same shape the adapter sends", () => {
    const fromAdapter = formCard(
      directory,
      "resolve",
      grievance,
      { contact: "Pat Morgan", completedOn: "2026-11-27", language: "es" },
      { steps: "Please enter the steps taken to investigate the grievance." },
    );
    expect(expand(template("action-form"), sample("action-form"))).toEqual(fromAdapter);
  });
});

describe("digest-card.json, drawn from a manager's digest", () => {
  const card = template("digest-card");
  /** A morning digest for two departments, one link known, two messages parked. */
  const DIGEST: DigestContent = {
    recipientName: "Dana Whitfield",
    generatedAt: "2026-11-24T14:00:00.000Z",
    timeZone: "America/New_York",
    parkedDeliveries: 2,
    departments: [
      {
        departmentId: "nursing-4w",
        name: "Nursing 4 West",
        items: [
          {
            concernId: "c0a8012e-5b7d-4f3c-9e21-7d4f1a2b3c4d",
            reference: "PR-2026-00042",
            severity: "high",
            categoryLabel: "Pain not managed",
            unit: "4W",
            room: "412-B",
            status: "open",
            ageMinutes: 95,
            clock: "acknowledge",
            state: "overdue",
            dueAt: "2026-11-24T12:45:00.000Z",
            overdueMinutes: 75,
          },
          {
            concernId: "5d2f7a10-0c44-4b8e-a1f3-2e6b9c8d7f01",
            reference: "PR-2026-00039",
            severity: "moderate",
            categoryLabel: "Call light response",
            unit: "4W",
            room: "418",
            status: "acknowledged",
            ownerName: "Sam Rivera",
            ageMinutes: 310,
            clock: "resolve",
            state: "at-risk",
            dueAt: "2026-11-24T14:40:00.000Z",
            overdueMinutes: -40,
          },
        ],
      },
      {
        departmentId: "food-services",
        name: "Food Services",
        items: [
          {
            concernId: "9b1e3c55-7a2d-4e6f-8c90-1d2e3f4a5b6c",
            reference: "PR-2026-00031",
            severity: "low",
            categoryLabel: "Food and nutrition",
            unit: "3E",
            room: "305",
            status: "acknowledged",
            ownerName: "Priya Natarajan",
            ageMinutes: 1500,
            clock: "grievance",
            state: "overdue",
            dueAt: "2026-11-24T13:30:00.000Z",
            overdueMinutes: 30,
          },
        ],
      },
      {
        departmentId: "environmental-services",
        name: "Environmental Services",
        items: [],
      },
    ],
  } as unknown as DigestContent;
  const LINKS: Record<string, string> = {
    "c0a8012e-5b7d-4f3c-9e21-7d4f1a2b3c4d":
      "https://teams.microsoft.com/l/message/19:4w-nursing@thread.tacv2/1764000000000",
    "9b1e3c55-7a2d-4e6f-8c90-1d2e3f4a5b6c":
      "https://teams.microsoft.com/l/message/19:food-services@thread.tacv2/1763900000000",
  };
  const draw = (digest: DigestContent) => digestCard(digest, (id) => LINKS[id]) as Json;

  it("groups items by department, says how late in hours and minutes, links where known, and the parked note", () => {
    const expanded = draw(DIGEST);
    const withItems = DIGEST.departments.filter((d) => d.items.length > 0);
    expect(findAll(expanded, "Container")).toHaveLength(withItems.length);
    expect(texts(expanded)[0]).toBe("Overdue concerns · Tue 24 Nov 09:00");
    const lines = texts(expanded).filter((t) => /^PR-\d{4}-\d{5} · /.test(t));
    expect(lines).toHaveLength(withItems.reduce((n, d) => n + d.items.length, 0));
    expect(lines[0]).toBe(
      "PR-2026-00042 · 🟠 High · Pain not managed · 4W 412-B · acknowledge 1 h 15 min overdue · age 1 h 35 min · no owner",
    );
    const linked = findAll(expanded, "TextRun").find((r) => r.text === "PR-2026-00042")!;
    expect(linked.selectAction).toMatchObject({
      type: "Action.OpenUrl",
      url: LINKS[DIGEST.departments[0]!.items[0]!.concernId],
    });
    expect(lines[1]).toContain("resolve due in 40 min");
    expect(lines.some((l) => l.includes("grievance notice 30 min overdue"))).toBe(true);
    const parked = findAll(expanded, "TextBlock").find((t) => String(t.text).startsWith("⚠️ 2 message(s)"))!;
    expect(parked).toMatchObject({ color: "attention" });
    expect(String(parked.text)).toContain("Please tell your Liaison administrator.");
    expect(JSON.stringify(expanded)).not.toContain("/healthz");
    expect(texts(expanded).some((t) => t.includes("All clear"))).toBe(false);
    expectTeamsReady(expanded);
  });

  it("says all clear when nothing is overdue or at risk, in a colour that can be read", () => {
    const expanded = draw({
      ...DIGEST,
      parkedDeliveries: 0,
      departments: DIGEST.departments.map((d) => ({ ...d, items: [] })),
    });
    const clear = findAll(expanded, "TextBlock").find((t) => String(t.text).includes("All clear"))!;
    expect(clear.color).toBeUndefined();
    expect(findAll(expanded, "Container")).toEqual([]);
    expect(texts(expanded).some((t) => t.startsWith("⚠️"))).toBe(false);
    expectTeamsReady(expanded);
  });

  it("lists the duties nobody has taken, as literal text", () => {
    const line = "Charge nurse for 4 West: nobody has taken it; escalations go to Jo Kim";
    const expanded = draw({ ...DIGEST, unfilledDuties: [line] });
    const note = findAll(expanded, "TextRun").find((t) => String(t.text).startsWith("Duties nobody"))!;
    expect(note.text).toBe(`Duties nobody has taken this shift:\n• ${line}`);
    expect(findAll(draw(DIGEST), "TextRun").some((t) => String(t.text).startsWith("Duties"))).toBe(false);
    expectTeamsReady(expanded);
  });

  it("caps a huge digest (5 departments × 8 items shown, the rest counted) under 28 KB", () => {
    const item = DIGEST.departments[0]!.items[0]!;
    const longLink = `https://teams.microsoft.com/l/message/19:${"a".repeat(60)}@thread.tacv2/1764000000000?tenantId=${"b".repeat(36)}&groupId=${"c".repeat(36)}&parentMessageId=1764000000000&teamName=Nursing&channelName=4W`;
    const big = Array.from({ length: 12 }, (_, d) => ({
      departmentId: `dept-${d}`,
      name: `Department number ${d} with a long name`,
      items: Array.from({ length: 12 }, (_, i) => ({
        ...item,
        concernId: `c-${d}-${i}`,
        reference: `PR-2026-${String(d * 100 + i).padStart(5, "0")}`,
        categoryLabel: "Communication with staff about discharge",
        ownerName: "Alexandra Montgomery-Fitzgerald",
      })),
    })) as unknown as DigestContent["departments"];
    const expanded = digestCard({ ...DIGEST, departments: big }, () => longLink) as Json;
    expect(findAll(expanded, "Container")).toHaveLength(5);
    expect(texts(expanded).filter((t) => /^PR-\d{4}-\d{5} · /.test(t))).toHaveLength(40);
    expect(texts(expanded)).toContain("…and 4 more");
    expect(texts(expanded)).toContain("…and 7 more departments with overdue or at-risk concerns.");
    expectTeamsReady(expanded);
  });

  it("the sample data is what the adapter sends for the sample digest", () => {
    expect(expand(card, sample("digest-card"))).toEqual(draw(DIGEST));
  });
});

describe("message-card.json", () => {
  const card = template("message-card");
  const data = sample("message-card");

  it("shows the text, the concern summary and a link to it", () => {
    const expanded = expand(card, data);
    expect(texts(expanded)[0]).toBe(data.text);
    expect(texts(expanded)).toContain((data.concern as Json).title);
    expect(topLevelActions(expanded)).toEqual([
      { type: "Action.OpenUrl", title: "Open concern", url: data.link },
    ]);
  });

  it("is just the text when there is no concern and no link", () => {
    const expanded = expand(card, { text: "Your concern PR-2026-00042 was resolved by Sam Rivera." });
    expect(expanded.body).toEqual([
      {
        type: "RichTextBlock",
        inlines: [{ type: "TextRun", text: "Your concern PR-2026-00042 was resolved by Sam Rivera." }],
      },
    ]);
    expect(topLevelActions(expanded)).toEqual([]);
    expectTeamsReady(expanded);
  });
});
