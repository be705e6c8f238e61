import type { Concern } from "../concern/concern.ts";
import { identifyActor, type PlatformIdentity } from "../concern/identify-actor.ts";
import type { Department } from "../directory/directory.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import { localTime } from "../escalation/business-time.ts";
import { homeItem, homeSection, type HomeView, isOverdue } from "../home/home-view.ts";
import { HOSPITAL_WIDE_ROLES } from "../report/report-scope.ts";
import type { LiaisonContext } from "./liaison-context.ts";

/**
 * How many open concerns a home reads per department, and of the person's own: more than it shows,
 * so it can count the rest (a queue longer than that is counted as that long).
 */
const QUEUE_READ = 100;
const MINE_READ = 25;

type HomeContext = Pick<LiaisonContext, "concerns" | "directory" | "clock">;

/** The departments whose queue a person's home shows: as for reports, hospital-wide roles see them all. */
function departmentsShown(directory: DirectoryIndex, who: ReturnType<typeof identifyActor>): Department[] {
  if (!who.person) return [];
  if (HOSPITAL_WIDE_ROLES.has(who.person.role)) return [...directory.directory.departments];
  return directory.departmentsOf(who.person.id);
}

function scopeLine(
  who: ReturnType<typeof identifyActor>,
  departments: readonly Department[],
  all: number,
): string {
  if (!who.person) return "Liaison's directory does not name you, so no department's queue is shown here.";
  if (departments.length === 0) return "The directory names you in no department, so no queue is shown here.";
  if (departments.length === all && HOSPITAL_WIDE_ROLES.has(who.person.role))
    return "Every department's queue.";
  return `The queue of ${departments.map((d) => d.name).join(", ")}.`;
}

const OVERDUE = { title: "Overdue", empty: "Nothing is overdue." };
const QUEUE = { title: "Open, oldest first", empty: "No other concern is open." };
const MINE = { title: "You raised or own", empty: "You have no open concern." };

const oldestFirst = (a: Concern, b: Concern) => a.createdAt.getTime() - b.createdAt.getTime();

/**
 * A person's home: what is overdue in their departments, the rest of those departments' open queue
 * (oldest first, with the time left), and the open concerns they raised or own. Both platforms show
 * these same words and buttons; the buttons are the cards' own.
 */
export async function buildHome(ctx: HomeContext, who: PlatformIdentity): Promise<HomeView> {
  const directory = ctx.directory();
  const now = ctx.clock.now();
  const actor = identifyActor(directory, who);
  const departments = departmentsShown(directory, actor);
  const [queues, mine] = await Promise.all([
    Promise.all(departments.map((d) => ctx.concerns.listOpenByDepartment(d.id, QUEUE_READ))),
    ctx.concerns.listOpenInvolving(actor.ref.key, MINE_READ),
  ]);
  const open = queues.flat().sort(oldestFirst);
  const draw = (c: Concern) => homeItem(directory, c, now);
  return {
    heading: actor.person ? `Liaison · ${actor.person.name}` : "Liaison",
    scopeLine: scopeLine(actor, departments, directory.directory.departments.length),
    updatedLine: `Updated ${localTime(now, directory.hospital.timeZone)}`,
    sections: [
      homeSection(
        "overdue",
        OVERDUE,
        open.filter((c) => isOverdue(c, now)),
        draw,
      ),
      homeSection(
        "queue",
        QUEUE,
        open.filter((c) => !isOverdue(c, now)),
        draw,
      ),
      homeSection("mine", MINE, [...mine].sort(oldestFirst), draw),
    ],
  };
}
