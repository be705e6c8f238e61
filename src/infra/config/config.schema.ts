import { z } from "zod";

/**
 * Every environment variable Liaison reads. `.env.example` lists the same set; a test keeps them in step.
 * Invalid values stop start-up with the variable's name and what was expected.
 */
export const configSchema = z.object({
  PORT: z.coerce
    .number({ error: "expected a port number" })
    .int()
    .min(0, "expected a port number from 0 (any free port) to 65535")
    .max(65535, "expected a port number from 0 (any free port) to 65535")
    .default(3978),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "expected a PostgreSQL URL like postgresql://user@host:5432/liaison")
    .optional(),
  LIAISON_DATA_DIR: z.string().min(1).default("./data"),
  LIAISON_DIRECTORY_FILE: z.string().min(1).default("./config/sample-hospital.directory.yaml"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SWEEP_INTERVAL_SECONDS: z.coerce
    .number({ error: "expected a number of seconds" })
    .int()
    .min(1, "expected at least 1 second")
    .max(3600, "expected at most 3600 seconds")
    .default(15),
  DELIVERY_INTERVAL_SECONDS: z.coerce
    .number({ error: "expected a number of seconds" })
    .int()
    .min(1, "expected at least 1 second")
    .max(60, "expected at most 60 seconds")
    .default(2),
});

export type Config = z.infer<typeof configSchema>;
