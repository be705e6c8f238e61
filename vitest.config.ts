import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The suite-wide watch: no log line of any test file may hold what people typed about a patient.
    setupFiles: ["test/support/no-patient-text-in-logs.setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
