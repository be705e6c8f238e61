import type { Logger } from "../../core/index.ts";
import { settingError } from "../config/setting-error.ts";
import { CLEAR_TEXT, createFieldCipher, decodeDataKey, type FieldCipher } from "./field-cipher.ts";

interface DataKeySettings {
  LIAISON_DATA_KEY?: string | undefined;
  LIAISON_DATA_PREVIOUS_KEYS?: readonly string[] | undefined;
  NODE_ENV?: string | undefined;
}

/**
 * The database's field cipher from the settings. Production without a key stops start-up: patients'
 * details would otherwise be written in clear text. Development runs without one, and says so loudly.
 */
export function dataCipherOf(config: DataKeySettings, logger: Logger): FieldCipher {
  if (config.LIAISON_DATA_KEY) {
    return createFieldCipher(
      decodeDataKey(config.LIAISON_DATA_KEY),
      (config.LIAISON_DATA_PREVIOUS_KEYS ?? []).map(decodeDataKey),
    );
  }
  if (config.NODE_ENV === "production") {
    throw settingError(
      "LIAISON_DATA_KEY",
      "is not set, and NODE_ENV is production: patients' details would be stored in clear text. Set it to 32 bytes of key (`openssl rand -base64 32`), kept in your secret store",
    );
  }
  logger.warn(
    { setting: "LIAISON_DATA_KEY" },
    "LIAISON_DATA_KEY is not set: descriptions, notes and patient references are stored IN CLEAR TEXT. Fine for a trial on made-up patients; set it before real ones",
  );
  return CLEAR_TEXT;
}
