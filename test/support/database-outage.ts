import pg from "pg";
import { POSTGRES_ADMIN_URL } from "./test-database.ts";

/**
 * A database outage as Liaison sees one: the server refuses new connections to its database and
 * drops the open ones, so every query fails until `restore` lets connections back in.
 */
export async function cutOffDatabase(url: string): Promise<{ restore: () => Promise<void> }> {
  const name = new URL(url).pathname.slice(1);
  await admin(async (c) => {
    await c.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
    await c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [name]);
  });
  return {
    restore: async () => {
      await admin((c) => c.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS true`));
    },
  };
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
