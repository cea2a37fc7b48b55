import { Module } from "@medusajs/framework/utils"
import validateOptionsLoader from "./loaders/validate-options"
import MarketingModuleService from "./service"

export const MARKETING_MODULE = "marketing"

export default Module(MARKETING_MODULE, {
  service: MarketingModuleService,
  loaders: [validateOptionsLoader],
})

export { MarketingModuleService }
export * from "./options"
export type * from "./tracking/types"
