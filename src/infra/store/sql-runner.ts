import type pg from "pg";

/**
 * Plain SQL against either store, for what Prisma's client does not do: applying migration files
 * (many statements at once) and session-level advisory locks.
 */
export interface SqlRunner {
  /** Runs a script of one or more statements, without parameters. */
  exec(sql: string): Promise<void>;
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
}

/** A single dedicated connection: advisory locks and BEGIN/COMMIT belong to one session. */
export function pgClientRunner(client: pg.ClientBase): SqlRunner {
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <Row>(sql: string, params: unknown[] = []) =>
      (await client.query(sql, params)).rows as Row[],
  };
}
