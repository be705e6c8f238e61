import { describe, expect, it } from "vitest";
import { sanitizeInbound, sanitizeText } from "../../../src/core/concern/sanitize-text.ts";

describe("text PostgreSQL can store", () => {
  it("drops NUL, replaces a lone surrogate with U+FFFD and keeps real emoji", () => {
    expect(sanitizeText("Pain\u0000 8/10 \uD83D\uDE23 \uD83D \uDE23x")).toBe("Pain 8/10 😣 \uFFFD \uFFFDx");
  });

  it("cleans every string inside a payload in place, leaving other values alone", () => {
    const when = new Date(0);
    const payload = { user: { name: "Nia\u0000" }, values: ["a\uDC00", 3, null], at: when };
    expect(sanitizeInbound(payload)).toBe(payload);
    expect(payload).toEqual({ user: { name: "Nia" }, values: ["a\uFFFD", 3, null], at: when });
  });
});
