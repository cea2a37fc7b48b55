import type { LoaderOptions } from "@medusajs/framework/types"
import { parseMarketingOptions } from "../options"

/** Fails the app's start with a message naming any bad plugin option. */
export default async function validateOptionsLoader({ options }: LoaderOptions): Promise<void> {
  parseMarketingOptions(options)
}
