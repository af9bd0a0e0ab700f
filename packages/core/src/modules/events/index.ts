export { type DomainEvent, emitEvent, emitEvents, insertEventsSql } from "./emit-event.js";
export { outboxEvents } from "./tables.js";
