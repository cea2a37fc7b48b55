export * from "./attribute-appointments"
export * from "./attribute-order"
export * from "./load-order-for-attribution"
export * from "./withdraw-order-attribution"
