import type { MedusaContainer } from "@medusajs/framework/types"
import { MARKETING_MODULE } from "../../../../modules/marketing"
import type MarketingModuleService from "../../../../modules/marketing/service"

export const marketingOf = (scope: MedusaContainer) => scope.resolve<MarketingModuleService>(MARKETING_MODULE)
