/**
 * Shapes of the plugin's admin API (`/admin/marketing/*`) as the admin UI
 * consumes them, one file per domain. Dates arrive as ISO strings.
 */
export * from "./common/types"
export * from "./contacts/types"
export * from "./messages/types"
export * from "./scoring/types"
export * from "./segments/types"
export * from "./templates/types"
export * from "./flows/types"
