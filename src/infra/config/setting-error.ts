import { LiaisonError } from "../../core/index.ts";

/**
 * A start-up problem with one setting, worded like the configuration check: the variable's name, what
 * is wrong, and what to do. main.ts prints the message alone (no stack) and exits 1.
 */
export function settingError(setting: string, problem: string): LiaisonError {
  return new LiaisonError(
    "config-invalid",
    `Liaison's configuration is invalid (see .env.example):\n  - ${setting}: ${problem}`,
  );
}

export const errorCode = (error: unknown): string =>
  (error as NodeJS.ErrnoException).code ?? (error as Error).message?.split("\n")[0] ?? String(error);
