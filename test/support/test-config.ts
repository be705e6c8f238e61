import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Config } from "../../src/infra/config/config.schema.ts";
import { loadConfig } from "../../src/infra/config/load-config.ts";
import { SAMPLE_DIRECTORY_FILE } from "./sample-directory.ts";
import type { StartOptions } from "../../src/main.ts";
import { capturingDestination } from "./patient-text-watch.ts";

/**
 * For an in-process Liaison whose log the suite-wide watch reads (patient-text-watch.ts): every line at
 * trace level goes to the watch instead of the terminal, unless LIAISON_TEST_LOG_LEVEL asks to see them.
 */
export function watchedLog(): { config: Record<string, string>; options: StartOptions } {
  if (process.env.LIAISON_TEST_LOG_LEVEL) return { config: {}, options: {} };
  return { config: { LOG_LEVEL: "trace" }, options: { logDestination: capturingDestination } };
}

/**
 * Liaison's configuration for an in-process test: any free port on loopback, a fresh embedded database,
 * the sample hospital, quiet logs (LIAISON_TEST_LOG_LEVEL=debug to see them), fast delivery.
 */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    LIAISON_DATA_DIR: mkdtempSync(path.join(tmpdir(), "liaison-test-")),
    LIAISON_DIRECTORY_FILE: SAMPLE_DIRECTORY_FILE,
    LOG_LEVEL: process.env.LIAISON_TEST_LOG_LEVEL ?? "silent",
    DELIVERY_INTERVAL_SECONDS: "1",
    ...overrides,
  });
}
