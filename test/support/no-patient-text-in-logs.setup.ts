import { afterAll } from "vitest";
import { patientTextInLogs } from "./patient-text-watch.ts";

// Runs after every test file: see patient-text-watch.ts. A leak fails the file that caused it.
afterAll(() => {
  const found = patientTextInLogs();
  if (found.length === 0) return;
  const listed = found.map((f) => `  "${f.typed.slice(0, 60)}" in: ${f.line}`).join("\n");
  throw new Error(`What people typed about a patient reached the logs:\n${listed}`);
});
