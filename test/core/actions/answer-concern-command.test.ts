import { describe, expect, it } from "vitest";
import {
  answerConcernCommand,
  commandOfMessage,
} from "../../../src/core/use-cases/answer-concern-command.ts";
import { raiseConcern } from "../../../src/core/use-cases/raise-concern.ts";
import { coreContext, PAIN_DRAFT } from "../../support/core-context.ts";
import { SLACK } from "../../support/sample-directory.ts";

const NIA = { platform: "slack" as const, userId: "U04NIAOKF01", displayName: "nia.okafor" };

describe("the concern command, one dialogue for Slack and Teams", () => {
  it("words after the command pre-fill the form; help, mine and status answer", async () => {
    const { ctx } = coreContext();
    const raised = await raiseConcern(ctx, PAIN_DRAFT, SLACK.nurse);
    expect(await answerConcernCommand(ctx, "rm 412 unit 4W high pain", NIA, "/concern")).toMatchObject({
      kind: "open-form",
      prefill: { room: "412", unit: "4w", severity: "high", category: "pain" },
    });
    expect(await answerConcernCommand(ctx, "help", NIA, "/concern")).toEqual({ kind: "help" });
    const mine = await answerConcernCommand(ctx, "mine", NIA, "/concern");
    expect(mine.kind === "mine" && mine.concerns.map((c) => c.reference)).toEqual([raised.reference]);
    const status = await answerConcernCommand(ctx, `status ${raised.reference.toLowerCase()}`, NIA, "");
    expect(status).toMatchObject({ kind: "status", concern: { id: raised.id } });
  });

  it("a status without a reference asks which concern, in the words each platform types", async () => {
    const { ctx } = coreContext();
    expect(await answerConcernCommand(ctx, "status", NIA, "/concern")).toEqual({
      kind: "say",
      text: "Which concern? Give its reference, for example: /concern status PR-2026-00042",
    });
    expect(await answerConcernCommand(ctx, "status 42", NIA, "")).toEqual({
      kind: "say",
      text: "Which concern? Give its reference, for example: status PR-2026-00042",
    });
    expect(await answerConcernCommand(ctx, "status PR-1999-00001", NIA, "")).toEqual({
      kind: "say",
      text: "No concern PR-1999-00001 was found. Check the reference; it looks like PR-2026-00042.",
    });
  });

  it("a Teams chat message: command words answer, anything else gets help", () => {
    expect(commandOfMessage("concern rm 412 pain")).toBe("rm 412 pain");
    expect(commandOfMessage("  Status PR-2026-00042")).toBe("Status PR-2026-00042");
    expect(commandOfMessage("mine")).toBe("mine");
    expect(commandOfMessage("hello there")).toBe("help");
  });
});
