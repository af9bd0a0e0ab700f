export { type DomainEvent, emitEvent, emitEvents } from "./emit-event.js";
export { outboxEvents } from "./tables.js";
