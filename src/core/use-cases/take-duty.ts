import type { Duty, Person } from "../directory/directory.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import { localTime } from "../escalation/business-time.ts";
import { identifyActor, type PlatformIdentity } from "../concern/identify-actor.ts";
import { dutyPlaceName, DutyRoster, shiftEndAfter } from "../duty/duty-roster.ts";
import type { LiaisonContext } from "./liaison-context.ts";

type DutyContext = Pick<LiaisonContext, "directory" | "duties" | "clock">;

/** The unit or department the first words name (longest first), and the words left after it. */
function placeIn(
  directory: DirectoryIndex,
  duty: Duty,
  words: readonly string[],
): { id: string; rest: string[] } | undefined {
  for (let size = Math.min(4, words.length); size >= 1; size--) {
    const text = words.slice(0, size).join(" ");
    const id =
      duty.per === "unit"
        ? directory.unitFor(text)?.id
        : directory.directory.departments.find(
            (d) => d.id === text.toLowerCase() || d.name.toLowerCase() === text.toLowerCase(),
          )?.id;
    if (id) return { id, rest: words.slice(size) };
  }
  return undefined;
}

const dutyList = (directory: DirectoryIndex) =>
  directory.directory.duties.map((d) => `${d.id} (${d.name}, per ${d.per})`).join(", ");

/** "Charge nurse for 4 West: Sam Rivera until 19:00", one line per duty held now. */
async function whoIsOnDuty(ctx: DutyContext): Promise<string> {
  const directory = ctx.directory();
  const now = ctx.clock.now();
  const roster = new DutyRoster(await ctx.duties.current(now), now);
  const lines = roster.assignments.flatMap((a) => {
    const duty = directory.duty(a.dutyId);
    if (!duty) return [];
    const until = localTime(a.endsAt, directory.hospital.timeZone);
    return [`${duty.name} for ${dutyPlaceName(directory, duty, a.placeId)}: ${a.personName} until ${until}`];
  });
  return lines.length > 0 ? ["On duty now:", ...lines].join("\n") : "Nobody has taken a duty this shift.";
}

/**
 * `duty` lists who holds what; `duty charge-nurse 4W` takes it for yourself until the next shift
 * change; `duty charge-nurse 4W jo.kim` (or a mention) hands it over. Only people in the directory
 * may hold a duty: its escalations ask them to acknowledge, which only they can do.
 */
export async function answerDutyCommand(
  ctx: DutyContext,
  words: readonly string[],
  who: PlatformIdentity,
  invocation: string,
): Promise<string> {
  const directory = ctx.directory();
  if (directory.directory.duties.length === 0) return "This hospital's directory declares no duties.";
  const [role, ...rest] = words;
  if (!role) return whoIsOnDuty(ctx);
  const duty = directory.duty(role.toLowerCase());
  if (!duty) return `There is no duty "${role}". The duties are: ${dutyList(directory)}.`;
  const place = placeIn(directory, duty, rest);
  if (!place) {
    // The example names a real unit or department of this hospital, as the person would type it.
    const somewhere =
      duty.per === "unit" ? directory.directory.units[0]?.name : directory.directory.departments[0]?.name;
    const example = `${invocation ? `${invocation} ` : ""}duty ${duty.id} ${somewhere ?? ""}`.trim();
    return `Which ${duty.per} are you ${duty.name.toLowerCase()} for? For example: ${example}`;
  }
  const actor = identifyActor(directory, who);
  if (!actor.person)
    return "Only people in Liaison's directory can take a duty; ask your administrator to add you.";
  const holder: Person | undefined =
    place.rest.length > 0 ? directory.personNamed(place.rest.join(" ")) : actor.person;
  if (!holder)
    return `"${place.rest.join(" ")}" is not anyone in Liaison's directory, so they cannot take a duty.`;
  return record(ctx, duty, place.id, holder, actor.ref);
}

async function record(
  ctx: DutyContext,
  duty: Duty,
  placeId: string,
  holder: Person,
  by: { key: string; displayName: string },
): Promise<string> {
  const directory = ctx.directory();
  const now = ctx.clock.now();
  const before = new DutyRoster(await ctx.duties.current(now), now).holder(duty.id, placeId);
  const endsAt = shiftEndAfter(now, directory.hospital.shiftChanges, directory.hospital.timeZone);
  await ctx.duties.take({
    dutyId: duty.id,
    placeId,
    personId: holder.id,
    personName: holder.name,
    takenByKey: by.key,
    takenByName: by.displayName,
    takenAt: now,
    endsAt,
  });
  const self = by.key === `person:${holder.id}`;
  const what = `${duty.name.toLowerCase()} for ${dutyPlaceName(directory, duty, placeId)} until ${localTime(endsAt, directory.hospital.timeZone)}`;
  const from = before && before.personId !== holder.id ? `, taking over from ${before.personName}` : "";
  return `${self ? "You are" : `${holder.name} is`} ${what}${from}.`;
}
