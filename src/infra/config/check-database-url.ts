import pg from "pg";
import { errorCode, settingError } from "./setting-error.ts";

/** A database server that does not answer is reported after this long, not after the OS gives up. */
export const DATABASE_CONNECT_TIMEOUT_MS = 10_000;

/** Where DATABASE_URL points, without its password. */
function where(url: string): { server: string; database: string } {
  const u = new URL(url);
  return { server: `${u.hostname}:${u.port || 5432}`, database: decodeURIComponent(u.pathname.slice(1)) };
}

/** A failure to reach or use the database, as a sentence naming DATABASE_URL and what to do. */
export function databaseUrlError(error: unknown, url: string) {
  const { server, database } = where(url);
  const code = errorCode(error);
  switch (code) {
    case "ECONNREFUSED":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "ETIMEDOUT":
    case "ECONNRESET":
      return settingError(
        "DATABASE_URL",
        `cannot connect to the PostgreSQL server at ${server} (${code}): check that it is running and reachable from here, and the URL's host and port`,
      );
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return settingError(
        "DATABASE_URL",
        `the host in ${server} is not known (${code}): check the URL's host name`,
      );
    case "3D000":
      return settingError(
        "DATABASE_URL",
        `the database "${database}" does not exist on ${server}: create it (createdb ${database}) or correct the URL's database name`,
      );
    case "28P01":
    case "28000":
      return settingError(
        "DATABASE_URL",
        `${server} refused the user or password (${code}): check the URL's credentials and the server's pg_hba.conf`,
      );
    case "42501":
      return settingError(
        "DATABASE_URL",
        `the user may not create Liaison's tables in "${database}" (${code}): grant it CREATE on the database, or use the database's owner`,
      );
    default:
      // No SQLSTATE: the connection itself failed (closed, timed out) before the server said why.
      return settingError(
        "DATABASE_URL",
        (error as { code?: string }).code
          ? `cannot use the PostgreSQL database "${database}" on ${server} (${code})`
          : `cannot connect to the PostgreSQL server at ${server} (${code}): check that it is running and reachable from here, and the URL's host and port`,
      );
  }
}

/** Connects once with a deadline, so an unreachable or missing database is named before anything else. */
export async function checkDatabaseUrl(url: string): Promise<void> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: DATABASE_CONNECT_TIMEOUT_MS,
  });
  // A connection that fails after connecting is still reported through connect() or query().
  client.on("error", () => undefined);
  const startedAt = performance.now();
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const silent = performance.now() - startedAt >= DATABASE_CONNECT_TIMEOUT_MS;
    const reason = { message: `no answer within ${DATABASE_CONNECT_TIMEOUT_MS / 1000} s` };
    throw databaseUrlError(silent ? reason : error, url);
  } finally {
    await client.end().catch(() => undefined);
  }
}
