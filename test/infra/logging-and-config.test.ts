import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/infra/config/config.schema.ts";
import { createLogger } from "../../src/infra/logging/pino-logger.ts";

describe("logging", () => {
  it("redacts patient data even if a caller passes it by mistake", () => {
    let out = "";
    const sink = new Writable({
      write(chunk, _enc, done) {
        out += chunk.toString();
        done();
      },
    });
    const logger = createLogger("info", sink);
    logger.info(
      {
        concern: "PR-2026-00001",
        description: "Mr Smith in pain",
        patientReference: "E123",
        draft: { note: "x" },
      },
      "oops",
    );
    expect(out).toContain("PR-2026-00001");
    expect(out).not.toContain("Mr Smith");
    expect(out).not.toContain("E123");
    expect(JSON.parse(out).draft.note).toBe("[redacted]");
  });
});

describe(".env.example", () => {
  it("lists exactly the variables Liaison reads", () => {
    const text = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");
    const listed = [...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(Object.keys(configSchema.shape).sort());
  });
});
