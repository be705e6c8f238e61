import { LiaisonError } from "../../core/index.ts";
import { checkedConfigSchema, type Config } from "./config.schema.ts";

/** Reads the environment once; an empty variable counts as unset, as in most deployment tools. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = checkedConfigSchema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
  throw new LiaisonError(
    "config-invalid",
    `Liaison's configuration is invalid (see .env.example):\n${lines.join("\n")}`,
  );
}
