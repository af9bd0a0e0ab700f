import { openConfiguredDatabase } from "../db/index.js";
import { migrateDatabase } from "../db/migrate.js";
import { seedDemoData } from "./seed.js";

// `npm run seed`: reset and re-seed the configured database.
const handle = await openConfiguredDatabase();
await migrateDatabase(handle);
const result = await seedDemoData(handle, { reset: true });
await handle.close();
for (const t of result.tenants) {
  console.log(
    `${t.slug}: ${t.categories} categories, ${t.organisations} organisations, ${t.listings} listings, ${t.demands} demands, ${t.users} demo users`,
  );
}
