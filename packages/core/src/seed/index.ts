export { DEMO_PASSWORD, demoEmail, isEmpty, MARKETS, type SeedResult, seedDemoData } from "./seed.js";
