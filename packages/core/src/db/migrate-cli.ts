import { openConfiguredDatabase } from "./index.js";
import { migrateDatabase } from "./migrate.js";

const handle = await openConfiguredDatabase();
await migrateDatabase(handle);
await handle.close();
console.log(`migrations applied (${handle.kind})`);
