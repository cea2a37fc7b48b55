export * from "./build-medusa-events"
export * from "./prepare-storefront-events"
export * from "./record-events"
export * from "./purge-pending-cart-events"
