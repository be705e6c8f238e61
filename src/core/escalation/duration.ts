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

/** A span of minutes as a person reads it: "45 min", "6 h 2 min", "3 days 4 h". */
export function formatMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m} min`;
  if (m < 48 * 60) return m % 60 === 0 ? `${Math.floor(m / 60)} h` : `${Math.floor(m / 60)} h ${m % 60} min`;
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  return hours === 0 ? `${days} days` : `${days} days ${hours} h`;
}
