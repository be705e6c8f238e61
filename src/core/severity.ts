export const SEVERITIES = ["low", "moderate", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const isSeverity = (s: string): s is Severity => (SEVERITIES as readonly string[]).includes(s);
