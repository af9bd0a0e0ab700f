export { type DomainEvent, emitEvent } from "./emit-event.js";
export { outboxEvents } from "./tables.js";
