import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LiaisonMetrics } from "../../../src/infra/metrics/liaison-metrics.ts";

interface Panel {
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  targets?: { expr: string; datasource?: { uid: string } }[];
}

const dashboard = JSON.parse(
  readFileSync(new URL("../../../grafana/liaison-dashboard.json", import.meta.url), "utf8"),
) as {
  __inputs: { name: string; pluginId: string }[];
  panels: Panel[];
  templating: { list: { query: { query: string } }[] };
};

/** The series Liaison exports: each family, and a histogram's _bucket, _sum and _count. */
async function exportedSeries(): Promise<{ families: string[]; series: Set<string> }> {
  const families = await new LiaisonMetrics().registry.getMetricsAsJSON();
  const series = new Set<string>();
  for (const { name, type } of families) {
    if (String(type) === "histogram")
      for (const suffix of ["_bucket", "_sum", "_count"]) series.add(name + suffix);
    else series.add(name);
  }
  return { families: families.map((f) => f.name), series };
}

const namedIn = (expr: string) => [...expr.matchAll(/\bliaison_[a-z_]+\b/g)].map((m) => m[0]);
const graphs = dashboard.panels.filter((p) => p.type !== "row");

describe("the Grafana dashboard shipped in grafana/", () => {
  it("asks for its Prometheus data source on import, and every panel and query uses it", () => {
    expect(dashboard.__inputs).toEqual([
      expect.objectContaining({ name: "DS_PROMETHEUS", pluginId: "prometheus" }),
    ]);
    for (const panel of graphs) {
      expect(panel.datasource, panel.title).toEqual({ type: "prometheus", uid: "${DS_PROMETHEUS}" });
      for (const target of panel.targets ?? [])
        expect(target.datasource?.uid, panel.title).toBe("${DS_PROMETHEUS}");
    }
  });

  it("every query names only metrics Liaison exports, so the dashboard cannot drift from the code", async () => {
    const { series } = await exportedSeries();
    const queries = [
      ...graphs.flatMap((p) => (p.targets ?? []).map((t) => ({ where: p.title, expr: t.expr }))),
      ...dashboard.templating.list.map((v) => ({ where: "a variable", expr: v.query.query })),
    ];
    for (const { where, expr } of queries) {
      expect(namedIn(expr).length, `${where}: ${expr}`).toBeGreaterThan(0);
      for (const name of namedIn(expr)) expect(series.has(name), `${where} names ${name}`).toBe(true);
    }
  });

  it("every metric Liaison exports has a panel", async () => {
    const { families } = await exportedSeries();
    const shown = graphs.flatMap((p) => (p.targets ?? []).flatMap((t) => namedIn(t.expr)));
    for (const family of families)
      expect(
        shown.some((name) => name === family || name.startsWith(`${family}_`)),
        family,
      ).toBe(true);
  });
});
