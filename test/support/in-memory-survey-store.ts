import type {
  StoredInvitation,
  SurveyInvitationStore,
} from "../../src/infra/surveys/survey-invitation-store.ts";

/** Survey invitations in memory, behaving as the database does (the store contract test checks). */
export class InMemorySurveyStore implements SurveyInvitationStore {
  readonly rows: StoredInvitation[] = [];
  /** Set to make every call fail, as a database that is down does. */
  down = false;

  private check(): void {
    if (this.down) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
  }

  async save(invitation: StoredInvitation): Promise<void> {
    this.check();
    if (this.rows.some((r) => r.tokenHash === invitation.tokenHash || r.id === invitation.id)) {
      throw new Error("unique constraint failed");
    }
    this.rows.push({ ...invitation });
  }

  async byTokenHash(tokenHash: string): Promise<StoredInvitation | undefined> {
    this.check();
    const row = this.rows.find((r) => r.tokenHash === tokenHash);
    return row ? { ...row } : undefined;
  }

  async markUsed(id: string, now: Date): Promise<boolean> {
    this.check();
    const row = this.rows.find((r) => r.id === id && !r.usedAt && r.expiresAt > now);
    if (!row) return false;
    row.usedAt = now;
    return true;
  }

  async unmarkUsed(id: string, usedAt: Date): Promise<void> {
    this.check();
    const row = this.rows.find((r) => r.id === id && r.usedAt?.getTime() === usedAt.getTime());
    if (row) delete row.usedAt;
  }
}
