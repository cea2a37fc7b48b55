import { MARKETING_MODULE } from "../../modules/marketing"
import type MarketingModuleService from "../../modules/marketing/service"

/** The marketing module's service, from a step's, subscriber's or job's container. */
export const marketingOf = (container: { resolve<T>(key: string): T }) => container.resolve<MarketingModuleService>(MARKETING_MODULE)
