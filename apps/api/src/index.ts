// Types for the SDK and portal; they import nothing else from the API.
export type { AppRouter, RouterInputs, RouterOutputs } from "./router.js";
