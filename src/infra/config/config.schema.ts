import { z } from "zod";
import { decodeDataKey } from "../privacy/field-cipher.ts";

/**
 * Every environment variable Liaison reads. `.env.example` lists the same set; a test keeps them in step.
 * Invalid values stop start-up with the variable's name and what was expected.
 */
const optionalUrl = (example: string) =>
  z
    .string()
    .url(`expected a URL like ${example}`)
    .refine((u) => /^https?:\/\//.test(u), `expected an http(s) URL like ${example}`)
    .optional();

const guid = (what: string) =>
  z
    .string()
    .regex(
      /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
      `expected ${what}, a GUID`,
    );

/**
 * The jobs run on cron schedules, which can only repeat exactly at intervals that divide a minute (in
 * seconds) or an hour (in whole minutes); anything else (45 s, 90 s) would run at uneven intervals, so
 * it is refused rather than rounded.
 */
const SECONDS_DIVIDING_A_MINUTE = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];
const MINUTES_DIVIDING_AN_HOUR = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60].map((m) => m * 60);

const exactInterval = (allowed: number[]) =>
  z.coerce.number({ error: "expected a number of seconds" }).refine((n) => allowed.includes(n), {
    message: `expected one of ${allowed.join(", ")} seconds (intervals the scheduler can keep exactly)`,
  });

/** An HMAC key guessed by nobody: 32 bytes or more (`openssl rand -base64 48` gives 64 characters). */
const dataKey = z.string().refine(
  (s) => {
    try {
      return decodeDataKey(s).length === 32;
    } catch {
      return false;
    }
  },
  { message: "expected 32 bytes of key, as base64 (`openssl rand -base64 32`) or 64 hex digits" },
);
/** A comma-separated list of values, each checked by `item` (blanks and spaces around commas ignored). */
const commaList = (item: z.ZodType<string, string>) =>
  z
    .string()
    .transform((list) =>
      list
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));
const roomCodeSecret = z.string().refine((s) => Buffer.byteLength(s, "utf8") >= 32, {
  message: "expected at least 32 bytes of secret (make one with `openssl rand -base64 48`)",
});

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
  LIAISON_LETTER_TEMPLATE_FILE: z.string().min(1).default("./config/grievance-letter.yaml"),
  // Where staff reach Liaison over HTTPS: grievance letters' links start with it. Unset: this machine.
  LIAISON_PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: "expected the address staff reach Liaison at, like https://liaison.example.org",
    })
    // Letters' links carry their only key: over plain HTTP anyone on the path could read it.
    .refine((u) => u.startsWith("https://") || /^http:\/\/(localhost|127\.0\.0\.1)(:|\/|$)/.test(u), {
      message:
        "expected an https:// address (plain http only for localhost): letters' links must not travel unencrypted",
    })
    .optional(),
  // How many days a patient's one-time satisfaction survey link can be answered.
  LIAISON_SURVEY_DAYS: z.coerce
    .number({ error: "expected a number of days" })
    .int("expected a whole number of days")
    .min(1, "expected at least 1 day")
    .max(90, "expected at most 90 days")
    .default(14),
  // Signs the rooms' QR codes (the family page); the previous ones are still accepted while codes are re-posted.
  LIAISON_ROOM_CODE_SECRET: roomCodeSecret.optional(),
  LIAISON_ROOM_CODE_PREVIOUS_SECRETS: commaList(roomCodeSecret).optional(),
  // Seals descriptions, notes and patient references in the database (AES-256-GCM); the previous keys
  // still open rows written before a rotation, until `npm run privacy:reencrypt` rewrites them.
  LIAISON_DATA_KEY: dataKey.optional(),
  LIAISON_DATA_PREVIOUS_KEYS: commaList(dataKey).optional(),
  NODE_ENV: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SWEEP_INTERVAL_SECONDS: exactInterval([...SECONDS_DIVIDING_A_MINUTE, ...MINUTES_DIVIDING_AN_HOUR]).default(
    15,
  ),
  DELIVERY_INTERVAL_SECONDS: exactInterval([...SECONDS_DIVIDING_A_MINUTE, 60]).default(2),
  CHAT_CALL_TIMEOUT_SECONDS: z.coerce
    .number({ error: "expected a number of seconds" })
    .int("expected a whole number of seconds")
    .min(1, "expected at least 1 second")
    .max(120, "expected at most 120 seconds")
    .default(10),
  // A person's Slack App Home is published again at most this often while its concerns keep changing.
  SLACK_HOME_REFRESH_SECONDS: z.coerce
    .number({ error: "expected a number of seconds" })
    .min(0, "expected 0 seconds or more")
    .max(600, "expected at most 600 seconds")
    .default(10),
  // How often the departments' Slack user groups and Teams teams are listed again (a failed listing is
  // tried again every minute meanwhile, and the last list kept stays in force).
  RESPONDER_GROUP_REFRESH_MINUTES: z.coerce
    .number({ error: "expected a number of minutes" })
    .int("expected a whole number of minutes")
    .min(1, "expected at least 1 minute")
    .max(1440, "expected at most 1440 minutes (a day)")
    .default(15),
  OUTBOX_RETENTION_DAYS: z.coerce
    .number({ error: "expected a number of days" })
    .int("expected a whole number of days")
    .min(1, "expected at least 1 day")
    .max(3650, "expected at most 3650 days")
    .default(7),
  // When set, GET /metrics answers only a scrape sending `Authorization: Bearer <token>`.
  METRICS_TOKEN: z
    .string()
    .min(16, "expected at least 16 characters of token (make one with `openssl rand -hex 24`)")
    .optional(),
  SLACK_BOT_TOKEN: z
    .string()
    .startsWith("xoxb-", "expected a bot token starting with xoxb- (OAuth & Permissions)")
    .optional(),
  SLACK_SIGNING_SECRET: z
    .string()
    .min(10, "expected the app's signing secret (Basic Information)")
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .startsWith("xapp-", "expected an app-level token starting with xapp- (Socket Mode)")
    .optional(),
  SLACK_API_URL: optionalUrl("https://slack-gov.com/api/"),
  MICROSOFT_APP_ID: guid("the bot's Microsoft App ID (Azure Bot → Configuration)").optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  MICROSOFT_APP_TENANT_ID: guid("your Microsoft Entra tenant id").optional(),
  MICROSOFT_APP_CERTIFICATE_THUMBPRINT: z
    .string()
    .regex(/^[0-9A-Fa-f]{40}$/, "expected the certificate's SHA-1 thumbprint, 40 hex characters")
    .optional(),
  MICROSOFT_APP_CERTIFICATE_KEY_FILE: z.string().min(1).optional(),
  MICROSOFT_APP_TYPE: z
    .enum(["SingleTenant", "UserAssignedMSI"], { error: 'expected "SingleTenant" or "UserAssignedMSI"' })
    .default("SingleTenant"),
  TEAMS_LOCAL_MODE: z.enum(["true", "false"], { error: 'expected "true" or "false"' }).default("false"),
});

/** Cross-variable rules: Slack needs its token and signing secret together. */
export const checkedConfigSchema = configSchema.superRefine((c, issues) => {
  if (Boolean(c.SLACK_BOT_TOKEN) !== Boolean(c.SLACK_SIGNING_SECRET)) {
    issues.addIssue({
      code: "custom",
      path: [c.SLACK_BOT_TOKEN ? "SLACK_SIGNING_SECRET" : "SLACK_BOT_TOKEN"],
      message: "Slack needs both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or neither, to run without Slack)",
    });
  }
  if (
    !c.MICROSOFT_APP_ID &&
    (c.MICROSOFT_APP_PASSWORD || c.MICROSOFT_APP_TENANT_ID) &&
    c.TEAMS_LOCAL_MODE !== "true"
  ) {
    issues.addIssue({
      code: "custom",
      path: ["MICROSOFT_APP_ID"],
      message:
        "is empty, which is Bot Framework's local mode: it accepts requests from anyone. Set MICROSOFT_APP_ID, or TEAMS_LOCAL_MODE=true for development only",
    });
  }
  const certificate =
    Boolean(c.MICROSOFT_APP_CERTIFICATE_THUMBPRINT) || Boolean(c.MICROSOFT_APP_CERTIFICATE_KEY_FILE);
  if (certificate && !(c.MICROSOFT_APP_CERTIFICATE_THUMBPRINT && c.MICROSOFT_APP_CERTIFICATE_KEY_FILE)) {
    issues.addIssue({
      code: "custom",
      path: [
        c.MICROSOFT_APP_CERTIFICATE_THUMBPRINT
          ? "MICROSOFT_APP_CERTIFICATE_KEY_FILE"
          : "MICROSOFT_APP_CERTIFICATE_THUMBPRINT",
      ],
      message: "certificate authentication needs both the thumbprint and the private key file",
    });
  }
  const secretOrCertificate = Boolean(c.MICROSOFT_APP_PASSWORD) || certificate;
  if (
    c.MICROSOFT_APP_ID &&
    c.MICROSOFT_APP_TYPE === "SingleTenant" &&
    (!secretOrCertificate || !c.MICROSOFT_APP_TENANT_ID)
  ) {
    issues.addIssue({
      code: "custom",
      path: [!c.MICROSOFT_APP_TENANT_ID ? "MICROSOFT_APP_TENANT_ID" : "MICROSOFT_APP_PASSWORD"],
      message:
        "a SingleTenant bot needs MICROSOFT_APP_ID, MICROSOFT_APP_TENANT_ID, and MICROSOFT_APP_PASSWORD or a certificate (MICROSOFT_APP_CERTIFICATE_THUMBPRINT and MICROSOFT_APP_CERTIFICATE_KEY_FILE)",
    });
  }
  if (c.MICROSOFT_APP_TYPE === "UserAssignedMSI" && c.MICROSOFT_APP_ID && !c.MICROSOFT_APP_TENANT_ID) {
    issues.addIssue({
      code: "custom",
      path: ["MICROSOFT_APP_TENANT_ID"],
      message: "a managed-identity bot needs its tenant id",
    });
  }
  if (c.MICROSOFT_APP_ID && c.TEAMS_LOCAL_MODE === "true") {
    issues.addIssue({
      code: "custom",
      path: ["TEAMS_LOCAL_MODE"],
      message: "must not be true when MICROSOFT_APP_ID is set",
    });
  }
  if (c.SLACK_APP_TOKEN && !c.SLACK_BOT_TOKEN) {
    issues.addIssue({
      code: "custom",
      path: ["SLACK_BOT_TOKEN"],
      message: "Socket Mode (SLACK_APP_TOKEN) also needs SLACK_BOT_TOKEN",
    });
  }
});

export type Config = z.infer<typeof configSchema>;
