// The embedded database's own thread: PGlite (PostgreSQL in WebAssembly) runs every statement
// synchronously, so on Liaison's main thread it stalled HTTP acknowledgements behind the database.
// Here it serves the PostgreSQL wire protocol on a Unix socket, and Liaison talks to it through the
// same `pg` driver as to a PostgreSQL server. Without a socket path (run as a process of its own)
// it only creates the database folder and ends (see pglite-thread.ts).
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import type { PgliteThreadMessage, PgliteThreadOptions } from "./pglite-thread.ts";

// A thread gets its options as workerData; the process that only creates the folder, as argv.
const options = (workerData ?? JSON.parse(process.argv[2]!)) as PgliteThreadOptions;

const db = await PGlite.create(options.dataDir, {
  startParams: [
    ...PGlite.defaultStartParams,
    // After an unclean stop PGlite runs crash recovery and arms a progress timer that keeps the
    // thread alive forever; switching that log off avoids it.
    "-c",
    "log_startup_progress_interval=0",
    // PostgreSQL's 128 MB default is all resident in the WebAssembly heap from the start; a
    // hospital's concerns fit in far less, and the operating system caches the files beneath.
    "-c",
    "shared_buffers=16MB",
  ],
});
// PGlite has one session. Liaison's pool holds a single connection; a few more slots only let a
// reconnect in while the server is still noticing that the previous socket closed.
if (!options.socketPath) {
  await db.close();
  process.exit(0);
}
const server = new PGLiteSocketServer({ db, path: options.socketPath, maxConnections: 4 });
await server.start();

const port = parentPort!;
port.on("message", async (message: PgliteThreadMessage) => {
  if (message.type !== "stop") return;
  await server.stop();
  // Closing checkpoints PostgreSQL, so the data folder holds every committed change.
  await db.close();
  process.exit(0);
});
port.postMessage({ type: "ready" } satisfies PgliteThreadMessage);
