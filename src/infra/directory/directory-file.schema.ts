import { validate as isValidCron } from "node-cron";
import { z } from "zod";
import {
  DEFAULT_CARD_PRIVACY,
  DESCRIPTION_CARD_CHOICES,
  DESCRIPTION_CHARACTERS,
  type DescriptionOnCard,
  FAMILY_LANGUAGES,
  LADDER_TARGETS,
  type LadderTarget,
  parseDuration,
  PATIENT_ON_CARD,
  PLATFORMS,
  ROLES,
  SEVERITIES,
  WEEKDAYS,
} from "../../core/index.ts";

/** The shape of the human-edited directory file (YAML or JSON); every message says what was expected. */

/** Slack refuses a menu option whose value is longer (docs.slack.dev, option object); ids are option values. */
const MAX_ID_LENGTH = 150;

const id = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    "expected an id of lowercase letters, digits, '.', '_' or '-', like nursing-4w",
  )
  .max(
    MAX_ID_LENGTH,
    `expected an id of at most ${MAX_ID_LENGTH} characters (Slack's limit for a menu choice)`,
  );

const slackUserId = z
  .string()
  .regex(/^[UW][A-Z0-9]{6,}$/, "expected a Slack user id like U04ABCDEF12 (Profile → ⋮ → Copy member ID)");
const slackChannelId = z
  .string()
  .regex(
    /^[CG][A-Z0-9]{6,}$/,
    "expected a Slack channel id like C04ABCDEF12 (channel details → bottom of About)",
  );
/** Teams names channels and teams alike: a thread id, 19:…@thread.tacv2 (a team by its General channel). */
const TEAMS_THREAD_ID = /^19:[^\s@]+@thread\.(tacv2|skype)$/;
const teamsChannelId = z
  .string()
  .regex(
    TEAMS_THREAD_ID,
    "expected a Teams channel id like 19:abc123…@thread.tacv2 (channel → ⋯ → Get link to channel)",
  );
const slackUserGroupId = z
  .string()
  .regex(
    /^S[A-Z0-9]{6,}$/,
    "expected a Slack user group id like S04ABCDEF12 (People → User groups → the group → ⋮ → Copy group ID)",
  );
const teamsTeamId = z
  .string()
  .regex(
    TEAMS_THREAD_ID,
    "expected a Teams team id like 19:abc123…@thread.tacv2 (team → ⋯ → Get link to team: the part after /team/, decoded)",
  );
const aadObjectId = z
  .string()
  .regex(
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    "expected a Microsoft Entra (AAD) object id, a GUID like 6f1c2a8e-5b7d-4c3e-9a10-2b4d6e8f0a1c",
  );
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a 24-hour local time like "07:30"');

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: "expected an IANA time zone such as America/Chicago or Europe/London" },
);

/** A deadline further away than a year cannot be a real policy, and far enough out it is no date at all. */
const MAX_DAYS = 365;
const withinAYear = (s: string) => {
  const d = parseDuration(s);
  return d === undefined || d.amount <= (d.unit === "days" ? MAX_DAYS : MAX_DAYS * 24 * 60);
};
const atMostAYear = { message: `expected at most ${MAX_DAYS}d (${MAX_DAYS * 24}h)` };

const duration = (what: string) =>
  z
    .string()
    .refine((s) => parseDuration(s) !== undefined, {
      message: `expected ${what} such as "15m", "4h" or "7d"`,
    })
    .refine(withinAYear, atMostAYear);

const minutesOrHours = (example: string) =>
  z
    .string()
    .refine((s) => parseDuration(s)?.unit === "minutes", {
      message: `expected minutes or hours ${example}`,
    })
    .refine(withinAYear, atMostAYear);

const businessHours = z
  .strictObject({
    days: z
      .array(z.enum(WEEKDAYS, { error: `expected one of ${WEEKDAYS.join(", ")}` }))
      .min(1, "expected at least one day"),
    start: hhmm,
    end: hhmm,
  })
  .refine((h) => h.end > h.start, { message: "expected end to be later than start", path: ["end"] });

const person = z.strictObject({
  id,
  name: z.string().min(1, "expected the person's name"),
  role: z.enum(ROLES, { error: `expected one of ${ROLES.join(", ")}` }),
  slack: slackUserId.optional(),
  teams: aadObjectId.optional(),
  preferredPlatform: z.enum(PLATFORMS, { error: 'expected "slack" or "teams"' }).optional(),
  digest: z
    .strictObject({
      schedules: z
        .array(
          z.string().refine((c) => isValidCron(c), {
            message: 'expected a cron expression such as "0 7 * * *" (07:00 daily, hospital time)',
          }),
        )
        .min(1, "expected at least one schedule"),
      allClear: z.boolean().default(false),
    })
    .optional(),
});

const patientOnCard = z.enum(PATIENT_ON_CARD, {
  error: `expected one of ${PATIENT_ON_CARD.join(", ")}`,
});

const { min, max } = DESCRIPTION_CHARACTERS;
/** { show: full } | { show: first-characters, characters: N } | { show: category-only }. */
const descriptionOnCard = z
  .strictObject(
    {
      show: z.enum(DESCRIPTION_CARD_CHOICES, {
        error: `expected one of ${DESCRIPTION_CARD_CHOICES.join(", ")}`,
      }),
      characters: z
        .number({ error: `expected a number of characters, ${min} to ${max}` })
        .int("expected a whole number of characters")
        .min(min, `expected at least ${min} characters: fewer says nothing a responder can use`)
        .max(max, `expected at most ${max} characters`)
        .optional(),
    },
    {
      error:
        "expected { show: full }, { show: first-characters, characters: 120 } or { show: category-only }",
    },
  )
  .superRefine((d, ctx) => {
    if (d.show === "first-characters" && d.characters === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["characters"],
        message: `expected characters with show: first-characters: how many to show, ${min} to ${max}, like 120`,
      });
    if (d.show !== "first-characters" && d.characters !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["characters"],
        message: `characters applies only to show: first-characters; remove it, or show the first characters`,
      });
  })
  .transform((d): DescriptionOnCard =>
    d.show === "first-characters" ? { show: d.show, characters: d.characters! } : { show: d.show },
  );

/** What cards show of the patient and the description; a department's may give either part alone. */
const cardPrivacyOverride = z.strictObject({
  patient: patientOnCard.optional(),
  description: descriptionOnCard.optional(),
});

const department = z.strictObject({
  id,
  name: z.string().min(1, "expected the department's name"),
  slackChannel: slackChannelId.optional(),
  teamsChannel: teamsChannelId.optional(),
  responders: z.array(id).default([]),
  head: id.optional(),
  manager: id.optional(),
  director: id.optional(),
  businessHours: businessHours.optional(),
  afterHoursTarget: id.optional(),
  // Members of these groups answer for the department too, without being listed one by one.
  responderGroups: z
    .strictObject({ slackUserGroup: slackUserGroupId.optional(), teamsTeam: teamsTeamId.optional() })
    .optional(),
  // Where this department's cards show more or less than the hospital's (Behavioral Health: less).
  cardPrivacy: cardPrivacyOverride.optional(),
});

/** A fixed level, or "duty:<duty id>": whoever took that duty this shift. */
const ladderTarget = z
  .string()
  .refine((t) => (LADDER_TARGETS as readonly string[]).includes(t) || /^duty:[a-z0-9][a-z0-9._-]*$/.test(t), {
    message: `expected one of ${LADDER_TARGETS.join(", ")}, or duty:<a duty id> such as duty:charge-nurse`,
  })
  .transform((t) => t as LadderTarget);

const duty = z.strictObject({
  id,
  name: z.string().min(1, "expected the duty's name as replies should say it, like Charge nurse").max(40),
  per: z.enum(["unit", "department"], { error: 'expected "unit" or "department"' }),
  /** Unit or department id → person id: who an escalation reaches while nobody holds the duty there. */
  fallback: z.record(id, id).default({}),
});

const policy = z
  .strictObject({
    id,
    match: z
      .strictObject({
        severity: z.enum(SEVERITIES, { error: `expected one of ${SEVERITIES.join(", ")}` }).optional(),
        category: id.optional(),
      })
      .default({}),
    acknowledgeWithin: minutesOrHours('such as "15m" or "1h"'),
    resolveWithin: duration("a duration"),
    resolveClock: z
      .enum(["calendar", "business"], { error: 'expected "calendar" or "business"' })
      .default("calendar"),
    ladder: z
      .array(
        z.strictObject({
          notify: ladderTarget,
          after: minutesOrHours('such as "0m", "5m" or "1h"'),
        }),
      )
      .max(4, "expected at most 4 steps: three levels before the administrator on call"),
    repeat: z.number().int().min(0).max(5, "expected at most 5 repeats").default(0),
    /** Keeping the patient informed: the first update after acknowledgement, then (optionally) how often. */
    updatePatientWithin: minutesOrHours('such as "30m" or "2h"').optional(),
    updatePatientEvery: minutesOrHours('such as "4h" or "24h"').optional(),
    updatePatientEscalateAfter: minutesOrHours('such as "30m" or "1h"').optional(),
  })
  .refine(
    (p) => p.updatePatientWithin !== undefined || (!p.updatePatientEvery && !p.updatePatientEscalateAfter),
    {
      message:
        "expected updatePatientWithin as well: it says when the first update after acknowledgement is due",
      path: ["updatePatientWithin"],
    },
  )
  .refine((p) => p.updatePatientWithin === undefined || parseDuration(p.updatePatientWithin)!.amount > 0, {
    message: "expected more than 0m: an update cannot be due the moment someone acknowledges",
    path: ["updatePatientWithin"],
  });

/** A number dialled from the room's phone or a mobile: digits, and the usual +, spaces, dashes, brackets. */
const phoneNumber = (what: string) =>
  z
    .string()
    .regex(
      /^\+?[0-9][0-9 ()-]{0,23}$/,
      `expected ${what}, a number to dial like "5555" or "+1 312 555 0100"`,
    );

/** The room's QR code page; off unless enabled (and LIAISON_ROOM_CODE_SECRET is set). */
const familyConcerns = z.strictObject({
  enabled: z.boolean().default(false),
  category: id,
  severity: z.enum(SEVERITIES, { error: `expected one of ${SEVERITIES.join(", ")}` }).default("moderate"),
  emergencyNumber: phoneNumber("the emergency number"),
  patientRelationsNumber: phoneNumber("patient relations' number").optional(),
  languages: z
    .array(z.enum(FAMILY_LANGUAGES, { error: `expected one of ${FAMILY_LANGUAGES.join(", ")}` }))
    .min(1, "expected at least one language")
    .default([...FAMILY_LANGUAGES]),
  limits: z
    .strictObject({
      perCodePerHour: z.number().int().min(1).max(100, "expected at most 100").default(3),
      perAddressPerHour: z.number().int().min(1).max(1000, "expected at most 1000").default(10),
    })
    .default({ perCodePerHour: 3, perAddressPerHour: 10 }),
});

export const directoryFileSchema = z.strictObject({
  hospital: z.strictObject({
    name: z.string().min(1, "expected the hospital's name"),
    timeZone,
    referencePrefix: z
      .string()
      .regex(/^[A-Z]{1,6}$/, "expected 1 to 6 capital letters, like PR")
      .default("PR"),
    businessHours,
    administratorOnCall: id.optional(),
    shiftChanges: z
      .array(hhmm)
      .default([])
      .transform((times) => [...new Set(times)].sort()),
    patientReferenceMasking: z
      .strictObject({ visibleTrailingCharacters: z.number().int().min(0).max(4, "expected at most 4") })
      .default({ visibleTrailingCharacters: 3 }),
    cardPrivacy: z
      .strictObject({
        patient: patientOnCard.default(DEFAULT_CARD_PRIVACY.patient),
        description: descriptionOnCard.default(DEFAULT_CARD_PRIVACY.description),
      })
      .default(DEFAULT_CARD_PRIVACY),
    grievance: z
      .strictObject({
        interimNoticeDays: z.number().int().min(1).max(30).default(7),
        interimNoticeClock: z
          .enum(["calendar", "business"], { error: 'expected "calendar" or "business"' })
          .default("calendar"),
        followUpDays: z.number().int().min(1).max(90).default(21),
        followUpClock: z
          .enum(["calendar", "business"], { error: 'expected "calendar" or "business"' })
          .default("business"),
        remindDaysBefore: z.number().int().min(0).max(29).default(2),
      })
      .default({
        interimNoticeDays: 7,
        interimNoticeClock: "calendar",
        followUpDays: 21,
        followUpClock: "business",
        remindDaysBefore: 2,
      }),
    // A concern for the same patient, unit and room within this many days is linked as a repeat.
    repeatConcernWindowDays: z
      .number({ error: "expected a number of days, like 30 (0 turns repeat linking off)" })
      .int("expected a whole number of days")
      .min(0, "expected 0 (off) or more days")
      .max(365, "expected at most 365 days")
      .default(30),
    // Resolved concerns lose what was typed about the patient after this many days; absent: never.
    retainPatientDetailsDays: z
      .number({ error: "expected a number of days, like 365 (leave it out to keep details forever)" })
      .int("expected a whole number of days")
      .min(1, "expected at least 1 day (leave it out to keep details forever)")
      .max(36_500, "expected at most 36500 days (100 years)")
      .optional(),
    familyConcerns: familyConcerns.optional(),
    weeklyReport: z
      .strictObject({
        schedule: z
          .string()
          .refine((c) => isValidCron(c), {
            message: 'expected a cron expression such as "0 8 * * 1" (Mondays at 08:00, hospital time)',
          })
          .default("0 8 * * 1"),
        recipients: z.array(id).default([]),
      })
      .optional(),
    patientDetailsViewers: z
      .strictObject({
        roles: z
          .array(z.enum(ROLES, { error: `expected roles among ${ROLES.join(", ")}` }))
          .default(["liaison", "director", "admin"]),
        concernsDepartment: z.boolean({ error: "expected true or false" }).default(true),
      })
      .default({ roles: ["liaison", "director", "admin"], concernsDepartment: true }),
  }),
  units: z
    .array(
      z.strictObject({
        id,
        name: z.string().min(1, "expected the unit's name as cards should show it, like 4 West").max(40),
        aliases: z.array(z.string().min(1).max(40)).default([]),
        building: z.string().min(1).optional(),
        floor: z.string().min(1).optional(),
      }),
    )
    .default([]),
  categories: z
    .array(
      z.strictObject({
        id,
        label: z.string().min(1, "expected a label"),
        grievance: z.boolean().default(false),
        // Quality of care or a premature discharge: cards and letters say the QIO may review it.
        qio: z.boolean().default(false),
      }),
    )
    .min(1, "expected at least one category"),
  people: z.array(person).default([]),
  departments: z.array(department).min(1, "expected at least one department"),
  routing: z.strictObject({
    fallbackDepartment: id,
    rules: z
      .array(z.strictObject({ category: id, unit: z.string().min(1).optional(), department: id }))
      .default([]),
  }),
  policies: z.array(policy).min(1, "expected at least one policy"),
  duties: z.array(duty).default([]),
});

export type DirectoryFile = z.infer<typeof directoryFileSchema>;
