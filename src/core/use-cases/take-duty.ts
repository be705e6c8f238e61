import type { Duty, Person } from "../directory/directory.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import { localTime } from "../escalation/business-time.ts";
import { identifyActor, type PlatformIdentity } from "../concern/identify-actor.ts";
import { mayHandOver } from "../duty/duty-hand-over.ts";
import { placeLeaders } from "../duty/duty-places.ts";
import { type DutyAssignment, dutyPlaceName, DutyRoster, shiftEndAfter } from "../duty/duty-roster.ts";
import { platformFor } from "../messaging/plan-outbound-messages.ts";
import type { LiaisonContext } from "./liaison-context.ts";
import type { PersonId } from "../ids.ts";

type DutyContext = Pick<LiaisonContext, "directory" | "duties" | "clock" | "outbox" | "platforms" | "logger">;

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
    return `Which ${duty.per} are you ${duty.name.toLowerCase()} for? For example: ${dutyExample(invocation, duty, somewhere ?? "")}`;
  }
  const actor = identifyActor(directory, who);
  if (!actor.person)
    return "Only people in Liaison's directory can take a duty; ask your administrator to add you.";
  const to: Person | undefined =
    place.rest.length > 0 ? directory.personNamed(place.rest.join(" ")) : actor.person;
  if (!to)
    return `"${place.rest.join(" ")}" is not anyone in Liaison's directory, so they cannot take a duty.`;
  return changeDuty(ctx, { duty, placeId: place.id, to, by: actor.person }, invocation);
}

/** The command that would do it: "/concern duty charge-nurse 4 West". */
const dutyExample = (invocation: string, duty: Duty, place: string) =>
  `${invocation ? `${invocation} ` : ""}duty ${duty.id} ${place}`.trim();

/** One duty change someone asked for: the duty and its place, who gets it, and who asked. */
interface DutyChange {
  duty: Duty;
  placeId: string;
  to: Person;
  by: Person;
}

/**
 * Records the change when the asker may make it. Taking a duty for yourself is a shift claim anyone in
 * the directory may make; giving it to someone else is checked (see mayHandOver), and the new holder
 * is told by direct message.
 */
async function changeDuty(ctx: DutyContext, change: DutyChange, invocation: string): Promise<string> {
  const { duty, placeId, to, by } = change;
  const directory = ctx.directory();
  const now = ctx.clock.now();
  const held = new DutyRoster(await ctx.duties.current(now), now).holder(duty.id, placeId);
  const self = to.id === by.id;
  if (!self) {
    // A holder who has left the directory no longer holds it (escalations skip them too).
    const holder = held && directory.person(held.personId);
    const leaders = placeLeaders(directory, duty, placeId);
    if (held && !mayHandOver(by, holder, leaders))
      return handOverRefusal(ctx, change, held, leaders, invocation);
  }
  const endsAt = shiftEndAfter(now, directory.hospital.shiftChanges, directory.hospital.timeZone);
  const assignment: DutyAssignment = {
    dutyId: duty.id,
    placeId,
    personId: to.id,
    personName: to.name,
    takenByKey: `person:${by.id}`,
    takenByName: by.name,
    takenAt: now,
    endsAt,
  };
  await ctx.duties.take(assignment);
  const what = `${duty.name.toLowerCase()} for ${dutyPlaceName(directory, duty, placeId)} until ${localTime(endsAt, directory.hospital.timeZone)}`;
  const from = held && held.personId !== to.id ? `, taking over from ${held.personName}` : "";
  // Whoever loses a duty to someone else's command hears it, so a duty is never taken unnoticed.
  if (held && held.personId !== to.id && held.personId !== by.id) {
    const role = `${duty.name.toLowerCase()} for ${dutyPlaceName(directory, duty, placeId)}`;
    const text = self
      ? `${by.name} took ${role} from you.`
      : `${by.name} gave ${role} to ${to.name}: you no longer hold it.`;
    await tell(ctx, assignment, held.personId, text);
  }
  if (self) return `You are ${what}${from}.`;
  // "Sam Rivera made you …, taking over from Sam Rivera" says nothing the first half did not.
  const fromOther = held?.personId === by.id ? "" : from;
  const untold = await tell(ctx, assignment, to.id, `${by.name} made you ${what}${fromOther}.`);
  return `${to.name} is ${what}${from}.${untold}`;
}

/** "Jo Kim, Maria Lopez or Dana White". */
const orList = (names: readonly string[]) =>
  names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : (names[0] ?? "");

/** Who holds the duty and who may hand it over, so the asker knows whom to ask. */
function handOverRefusal(
  ctx: DutyContext,
  { duty, placeId }: DutyChange,
  held: DutyAssignment,
  leaders: readonly Person[],
  invocation: string,
): string {
  const directory = ctx.directory();
  const place = dutyPlaceName(directory, duty, placeId);
  const until = localTime(held.endsAt, directory.hospital.timeZone);
  const answer = leaders.length === 1 ? "answers" : "answer";
  const answering =
    leaders.length > 0 ? `, by ${orList(leaders.map((l) => l.name))} (who ${answer} for ${place})` : "";
  return [
    `You cannot hand over ${duty.name.toLowerCase()} for ${place}: ${held.personName} holds it until ${until}.`,
    `It can be handed over by ${held.personName}${answering}, or by a liaison, director or administrator.`,
    `To take it yourself: ${dutyExample(invocation, duty, place)}`,
  ].join(" ");
}

/**
 * The new holder (or the one a duty was taken from) hears it by direct message, queued in the outbox
 * like every other message so a chat outage delays it but does not lose it. Returns what the reply adds
 * when they will not be told.
 */
async function tell(ctx: DutyContext, a: DutyAssignment, personId: PersonId, text: string): Promise<string> {
  const person = ctx.directory().person(personId);
  const platform = person && platformFor(person, ctx.platforms);
  const tellThem = ` Liaison could not message ${person?.name ?? personId}, so tell them yourself.`;
  if (!platform) return tellThem;
  const message = {
    idempotencyKey: `duty-hand-over:${a.dutyId}:${a.placeId}:${personId}:${a.takenAt.toISOString()}`,
    platform,
    message: { kind: "direct", personId, purpose: "duty-hand-over", text, withCard: false },
  } as const;
  try {
    await ctx.outbox.enqueue([message], a.takenAt);
    return "";
  } catch (error) {
    // The duty is already recorded; saying it failed would be wrong, so the asker passes the word on.
    ctx.logger.warn({ err: error, duty: a.dutyId, place: a.placeId }, "duty hand-over message not queued");
    return tellThem;
  }
}
