export {
  createDatabase,
  type Database,
  type DatabaseHandle,
  type DatabaseOptions,
  pgArray,
  type Queryable,
  resultRows,
  type Transaction,
} from "./client.js";
export { newId } from "./columns.js";
export { type CoreEnv, readCoreEnv } from "./env.js";
export { MIGRATIONS_FOLDER, migrateDatabase } from "./migrate.js";
export { APP_ROLE, withoutTenant, withTenant } from "./tenant.js";

import { createDatabase, type DatabaseHandle } from "./client.js";
import { readCoreEnv } from "./env.js";

/** The configured database: the server at DATABASE_URL, else PGlite in TRADECLOUD_DATA_DIR. */
export function openConfiguredDatabase(env: NodeJS.ProcessEnv = process.env): Promise<DatabaseHandle> {
  const { DATABASE_URL, TRADECLOUD_DATA_DIR } = readCoreEnv(env);
  return createDatabase({ url: DATABASE_URL, dataDir: TRADECLOUD_DATA_DIR });
}
