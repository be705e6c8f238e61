import { describe, expect, it } from "vitest";
import { CoalescingWriter } from "../../src/infra/store/coalescing-writer.ts";

/** A store that records each batch it is asked to write and refuses any batch holding "bad". */
function recordingStore() {
  const batches: string[][] = [];
  const writer = new CoalescingWriter<string, string>(
    async (items) => {
      batches.push(items);
      await new Promise((r) => setTimeout(r, 5));
      if (items.includes("bad")) throw new Error("refused");
      return items.map((i) => `stored ${i}`);
    },
    { maxBatch: 3, retryAlone: true },
  );
  return { batches, writer };
}

describe("writing concerns together under load", () => {
  it("a concern raised alone is written at once; those raised meanwhile go together, in order", async () => {
    const { batches, writer } = recordingStore();
    const results = await Promise.all(["a", "b", "c", "d", "e", "f"].map((x) => writer.write(x)));
    expect(results).toEqual(["a", "b", "c", "d", "e", "f"].map((x) => `stored ${x}`));
    expect(batches).toEqual([["a"], ["b", "c", "d"], ["e", "f"]]);
  });

  it("one concern the database refuses fails alone; the others in its batch are written", async () => {
    const { batches, writer } = recordingStore();
    const results = await Promise.allSettled(["a", "b", "bad", "c"].map((x) => writer.write(x)));
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([
      "stored a",
      "stored b",
      "refused",
      "stored c",
    ]);
    expect(batches).toEqual([["a"], ["b", "bad", "c"], ["b"], ["bad"], ["c"]]);
  });
});
