export const SEVERITIES = ["low", "moderate", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A severity as both platforms show it: a coloured marker and the word, capitalised. */
export const SEVERITY_MARK: Readonly<Record<Severity, string>> = {
  low: "🟢 Low",
  moderate: "🟡 Moderate",
  high: "🟠 High",
  critical: "🔴 Critical",
};
