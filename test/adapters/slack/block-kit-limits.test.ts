import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { channelCardView } from "../../../src/core/views/channel-card-view.ts";
import type { Concern } from "../../../src/core/concern/concern.ts";
import type { DigestContent } from "../../../src/core/digest/digest.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { BLOCK_KIT } from "../../../src/adapters/slack/block-kit-limits.ts";
import { cardBlocks, digestBlocks } from "../../../src/adapters/slack/slack-card-blocks.ts";
import { actionModal, concernModal } from "../../../src/adapters/slack/slack-modals.ts";
import { SLACK_MODALS } from "../../../src/adapters/slack/slack-action-table.ts";
import { actionForm } from "../../../src/core/use-cases/card-action-dialogue.ts";
import { coreContext } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

const len = (s: unknown) => Array.from(String(s ?? "")).length;

/** Every limit from Slack's Block Kit reference that Liaison's blocks can reach; returns the breaches. */
function breaches(blocks: readonly unknown[], maxBlocks: number): string[] {
  const out: string[] = [];
  if (blocks.length > maxBlocks) out.push(`${blocks.length} blocks`);
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${path}[${i}]`));
    if (!node || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    const text = (o.text as { text?: string } | undefined)?.text;
    if (o.type === "header" && len(text) > BLOCK_KIT.headerText) out.push(`${path} header ${len(text)}`);
    if (o.type === "section" && len(text) > BLOCK_KIT.sectionText) out.push(`${path} section ${len(text)}`);
    if (o.type === "section" && Array.isArray(o.fields)) {
      if (o.fields.length > 10) out.push(`${path} ${o.fields.length} fields`);
      for (const f of o.fields as { text: string }[])
        if (len(f.text) > BLOCK_KIT.fieldText) out.push(`${path} field ${len(f.text)}`);
    }
    if (o.type === "context" && Array.isArray(o.elements)) {
      for (const e of o.elements as { text: string }[])
        if (len(e.text) > BLOCK_KIT.contextText) out.push(`${path} context ${len(e.text)}`);
    }
    if (o.type === "rich_text_section" || o.type === "plain_text" || o.type === "mrkdwn") {
      const total =
        o.type === "rich_text_section"
          ? (o.elements as { text?: string }[]).map((e) => e.text ?? "").join("")
          : o.text;
      if (len(total) > BLOCK_KIT.sectionText) out.push(`${path} ${String(o.type)} ${len(total)}`);
      if (o.type !== "rich_text_section" && len(total) === 0) out.push(`${path} empty ${String(o.type)}`);
    }
    if (o.type === "button") {
      if (len(text) > BLOCK_KIT.buttonText) out.push(`${path} button text`);
      if (len(o.value) > BLOCK_KIT.buttonValue) out.push(`${path} button value`);
    }
    if (typeof o.action_id === "string" && len(o.action_id) > BLOCK_KIT.actionId)
      out.push(`${path} action_id`);
    if (typeof o.block_id === "string" && len(o.block_id) > BLOCK_KIT.blockId) out.push(`${path} block_id`);
    if (
      o.type === "plain_text_input" &&
      typeof o.initial_value === "string" &&
      len(o.initial_value) > Number(o.max_length)
    ) {
      out.push(`${path} initial_value over max_length`);
    }
    if (Array.isArray(o.options)) {
      if (o.options.length > BLOCK_KIT.optionsPerSelect) out.push(`${path} ${o.options.length} options`);
      for (const opt of o.options as { text: { text: string } }[])
        if (len(opt.text.text) > BLOCK_KIT.optionText) out.push(`${path} option text`);
    }
    for (const [k, v] of Object.entries(o)) visit(v, `${path}.${k}`);
  };
  visit(blocks, "blocks");
  return out;
}

function modalBreaches(view: {
  title: { text: string };
  submit?: { text: string };
  private_metadata?: string;
  blocks: readonly unknown[];
}): string[] {
  const out = breaches(view.blocks, BLOCK_KIT.blocksPerModal);
  if (len(view.title.text) > BLOCK_KIT.modalTitle) out.push("modal title");
  if (view.submit && len(view.submit.text) > BLOCK_KIT.modalButton) out.push("modal submit");
  if (len(view.private_metadata) > BLOCK_KIT.privateMetadata) out.push("private_metadata");
  return out;
}

// Any text at all: emoji, astral characters, mrkdwn and HTML-looking input, up to far past the limits.
const anyText = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: max }),
    // fast-check keeps strings short unless asked: these reach (and pass) the limits.
    fc.string({ minLength: Math.floor(max / 2), maxLength: max, size: "max" }),
    fc.string({ unit: "grapheme", minLength: Math.floor(max / 4), maxLength: max, size: "max" }),
    fc.constant("<!channel> & <b>x</b>".repeat(Math.ceil(max / 20))),
  );

describe("every Block Kit message Liaison builds stays within Slack's limits, whatever was typed", () => {
  const { ctx, directory } = coreContext();

  it("cards, for any description, unit, room, reporter name and status", async () => {
    const base = await raiseConcern(
      ctx,
      { unit: "4W", room: "1", category: "pain", severity: "critical", description: "x" },
      SLACK.nurse,
    );
    await fc.assert(
      fc.asyncProperty(
        anyText(9000),
        anyText(200),
        anyText(200),
        anyText(300),
        fc.constantFrom<Concern["status"]>("open", "acknowledged", "resolved", "reopened"),
        async (description, unit, room, reporter, status) => {
          const actor = { key: "slack:U1", displayName: reporter, platform: "slack" as const };
          const concern: Concern = {
            ...base,
            description,
            unit,
            room,
            status,
            reporter: actor,
            acknowledgedBy: actor,
            acknowledgedAt: base.createdAt,
            resolvedBy: actor,
            resolvedAt: base.createdAt,
            escalation: { stepsFired: 1, level: 1, lastEscalatedAt: base.createdAt },
          };
          const blocks = cardBlocks(channelCardView(directory, concern, base.createdAt));
          expect(breaches(blocks, BLOCK_KIT.blocksPerMessage)).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("the concern form, pre-filled with anything the slash command carried", () => {
    fc.assert(
      fc.property(
        anyText(5000),
        anyText(200),
        anyText(200),
        anyText(200),
        fc.boolean(),
        (description, unit, room, patientReference, grievance) => {
          const view = concernModal(
            directory,
            { description, unit, room, patientReference, grievance, category: "pain", severity: "high" },
            "",
          );
          expect(modalBreaches(view)).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("the resolve, note, reopen and reassign modals", async () => {
    const concern = await raiseConcern(
      ctx,
      { unit: "4W", room: "1", category: "safety", severity: "high", description: "x" },
      SLACK.nurse,
    );
    for (const { action, modalId } of SLACK_MODALS) {
      const long = "x".repeat(5000);
      const form = actionForm(directory, action, concern, { text: long, reason: long });
      expect(modalBreaches(actionModal(form, modalId))).toEqual([]);
    }
  });

  it("digests, for any number of departments and overdue concerns", () => {
    const item = fc.record({
      concernId: fc.uuid(),
      reference: fc.constant("PR-2026-00042"),
      severity: fc.constantFrom("low", "moderate", "high", "critical" as const),
      categoryLabel: anyText(100),
      unit: anyText(40),
      room: anyText(20),
      status: fc.constant("open"),
      ownerName: fc.option(anyText(100), { nil: undefined }),
      ageMinutes: fc.nat(100_000),
      clock: fc.constantFrom("acknowledge", "resolve", "grievance" as const),
      state: fc.constantFrom("overdue", "at-risk" as const),
      dueAt: fc.constant("2026-11-24T20:00:00.000Z"),
      overdueMinutes: fc.integer({ min: -60, max: 100_000 }),
    });
    const digest = fc.record({
      recipientName: anyText(50),
      generatedAt: fc.constant("2026-11-24T20:00:00.000Z"),
      timeZone: fc.constant("America/Chicago"),
      parkedDeliveries: fc.nat(1000),
      departments: fc.array(
        fc.record({
          departmentId: fc.string(),
          name: anyText(100),
          items: fc.array(item, { maxLength: 120 }),
        }),
        { maxLength: 60 },
      ),
    });
    fc.assert(
      fc.property(digest, (d) => {
        const blocks = digestBlocks(
          d as unknown as DigestContent,
          (id) => `https://slack.com/archives/C04NURS4W01/p${id.length}`,
        );
        expect(breaches(blocks, BLOCK_KIT.blocksPerMessage)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
