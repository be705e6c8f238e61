import type { Category, Department, Directory, Duty, Person, Unit } from "./directory.ts";
import { keysOf, unitKey } from "./unit-names.ts";
import { NotFoundError } from "../errors.ts";
import type { CategoryId, DepartmentId, PersonId } from "../ids.ts";
import type { Platform } from "../platform.ts";

/** Read-only lookups over a validated directory; built once per load. */
export class DirectoryIndex {
  private readonly people = new Map<string, Person>();
  private readonly bySlack = new Map<string, Person>();
  private readonly byTeams = new Map<string, Person>();
  private readonly departments = new Map<string, Department>();
  private readonly categories = new Map<string, Category>();
  private readonly unitsByKey = new Map<string, Unit>();

  constructor(readonly directory: Directory) {
    for (const p of directory.people) {
      this.people.set(p.id, p);
      if (p.slackUserId) this.bySlack.set(p.slackUserId, p);
      if (p.teamsAadObjectId) this.byTeams.set(p.teamsAadObjectId.toLowerCase(), p);
    }
    for (const d of directory.departments) this.departments.set(d.id, d);
    for (const c of directory.categories) this.categories.set(c.id, c);
    for (const u of directory.units) for (const key of keysOf(u)) this.unitsByKey.set(key, u);
  }

  /** The unit a typed name, alias or id means (case, spaces and punctuation ignored), if any. */
  unitFor(typed: string): Unit | undefined {
    return this.unitsByKey.get(unitKey(typed));
  }

  /** What to show for a concern's stored unit: the unit's name, or what was stored (older concerns). */
  unitName(stored: string): string {
    return this.unitFor(stored)?.name ?? stored;
  }

  get hospital() {
    return this.directory.hospital;
  }

  person(id: PersonId): Person | undefined {
    return this.people.get(id);
  }

  personOnPlatform(platform: Platform, platformUserId: string): Person | undefined {
    return platform === "slack"
      ? this.bySlack.get(platformUserId)
      : this.byTeams.get(platformUserId.toLowerCase());
  }

  department(id: DepartmentId): Department | undefined {
    return this.departments.get(id);
  }

  requireDepartment(id: DepartmentId): Department {
    const d = this.departments.get(id);
    if (!d) throw new NotFoundError(`There is no department "${id}" in the directory.`);
    return d;
  }

  /**
   * The department that answers for a concern of department `id`: that one, or the fallback department
   * when a new directory version no longer lists it (its open concerns still escalate and can be acted on).
   */
  answeringDepartment(id: DepartmentId): Department {
    return this.departments.get(id) ?? this.requireDepartment(this.directory.routing.fallbackDepartment);
  }

  duty(id: string): Duty | undefined {
    return this.directory.duties.find((d) => d.id === id);
  }

  /** A person a chat message names: by directory id or by name, ignoring case and a leading "@". */
  personNamed(text: string): Person | undefined {
    const wanted = text.trim().replace(/^@/, "").toLowerCase();
    return this.people.get(wanted) ?? this.directory.people.find((p) => p.name.toLowerCase() === wanted);
  }

  category(id: CategoryId): Category | undefined {
    return this.categories.get(id);
  }

  /** Whether a person answers for a department: one of its responders, its head, manager or director. */
  answersFor(personId: PersonId, department: Department): boolean {
    return (
      department.responders.includes(personId) ||
      department.head === personId ||
      department.manager === personId ||
      department.director === personId
    );
  }

  /** Departments a person answers for. */
  departmentsOf(personId: PersonId): Department[] {
    return this.directory.departments.filter((d) => this.answersFor(personId, d));
  }
}
