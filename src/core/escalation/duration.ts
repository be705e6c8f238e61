/** A policy duration: minutes and hours are elapsed time; days are calendar days in the hospital's zone. */
export type PolicyDuration = { unit: "minutes"; amount: number } | { unit: "days"; amount: number };

const PATTERN = /^(\d+)\s*(m|min|h|d)$/;

/** Parses "15m", "4h" or "7d"; returns undefined for anything else so the caller can say what it got. */
export function parseDuration(text: string): PolicyDuration | undefined {
  const match = PATTERN.exec(text.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  switch (match[2]) {
    case "d":
      return { unit: "days", amount };
    case "h":
      return { unit: "minutes", amount: amount * 60 };
    default:
      return { unit: "minutes", amount };
  }
}
