/**
 * Seeds the demo store through Medusa's own workflows, as Medusa's starter
 * seed does. Run from the app folder with:
 *
 *   medusa exec <repo>/scripts/demo/seed.ts
 *
 * Idempotent: when the demo sales channel and its publishable key exist it
 * only reports them. Writes a JSON summary (publishable key token, region ids)
 * to the file named by MMA_SEED_OUTPUT when that variable is set.
 *
 * Customers are not created here: the demo registers them over HTTP once the
 * server runs, so the plugin's subscribers see them as a storefront would.
 */
import fs from "fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createInventoryLevelsWorkflow,
  createProductCategoriesWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"

// eslint-disable-next-line @typescript-eslint/no-var-requires
const data = require("./data")

type Summary = {
  seeded: boolean
  publishable_key: string
  sales_channel_id: string
  regions: Record<string, string>
}

function writeSummary(summary: Summary) {
  const out = process.env.MMA_SEED_OUTPUT
  if (out) fs.writeFileSync(out, JSON.stringify(summary, null, 2) + "\n")
}

export default async function seedDemoStore({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const storeModule = container.resolve(Modules.STORE)
  const salesChannelModule = container.resolve(Modules.SALES_CHANNEL)
  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
  const apiKeyModule = container.resolve(Modules.API_KEY)
  const regionModule = container.resolve(Modules.REGION)

  // ---- already seeded? -------------------------------------------------------
  const existingChannels = await salesChannelModule.listSalesChannels({ name: data.SALES_CHANNEL })
  const existingKeys = await apiKeyModule.listApiKeys({ title: data.PUBLISHABLE_KEY_TITLE, type: "publishable" })
  if (existingChannels.length && existingKeys.length) {
    const regions = await regionModule.listRegions({})
    logger.info("Demo store already seeded; nothing to do.")
    writeSummary({
      seeded: false,
      publishable_key: existingKeys[0].token,
      sales_channel_id: existingChannels[0].id,
      regions: Object.fromEntries(regions.map((r) => [r.currency_code, r.id])),
    })
    return
  }

  // ---- sales channel and store currencies -----------------------------------
  logger.info("Seeding store, sales channel and currencies...")
  let salesChannel = existingChannels[0]
  if (!salesChannel) {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: { salesChannelsData: [{ name: data.SALES_CHANNEL, description: "Storefront of the marketing automation demo" }] },
    })
    salesChannel = result[0]
  }
  const [store] = await storeModule.listStores()
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        name: "Marketing Demo Store",
        supported_currencies: [
          { currency_code: "eur", is_default: true },
          { currency_code: "usd" },
        ],
        default_sales_channel_id: salesChannel.id,
      },
    },
  })

  // ---- regions and tax regions ----------------------------------------------
  logger.info("Seeding regions and tax regions...")
  const { result: regions } = await createRegionsWorkflow(container).run({
    input: {
      regions: data.REGIONS.map((r: any) => ({
        name: r.name,
        currency_code: r.currency_code,
        countries: r.countries,
        payment_providers: ["pp_system_default"],
      })),
    },
  })
  const allCountries: string[] = data.REGIONS.flatMap((r: any) => r.countries)
  await createTaxRegionsWorkflow(container).run({
    input: allCountries.map((country_code) => ({ country_code, provider_id: "tp_system" })),
  })

  // ---- stock location, fulfillment and shipping -----------------------------
  logger.info("Seeding stock location, fulfillment set and shipping options...")
  const { result: locations } = await createStockLocationsWorkflow(container).run({
    input: {
      locations: [
        {
          name: "Central Warehouse",
          address: { city: "Amsterdam", country_code: "NL", address_1: "Keizersgracht 1" },
        },
      ],
    },
  })
  const location = locations[0]
  await updateStoresWorkflow(container).run({
    input: { selector: { id: store.id }, update: { default_location_id: location.id } },
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })

  const profiles = await fulfillmentModule.listShippingProfiles({ type: "default" })
  let shippingProfile = profiles[0]
  if (!shippingProfile) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
    })
    shippingProfile = result[0]
  }

  const fulfillmentSet = await fulfillmentModule.createFulfillmentSets({
    name: "Central Warehouse delivery",
    type: "shipping",
    service_zones: [
      {
        name: "Europe and North America",
        geo_zones: allCountries.map((country_code) => ({ country_code, type: "country" as const })),
      },
    ],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })

  const regionPrices = regions.map((r) => ({ region_id: r.id, amount: r.currency_code === "eur" ? 5 : 6 }))
  const storeRules = [
    { attribute: "enabled_in_store", value: "true", operator: "eq" as const },
    { attribute: "is_return", value: "false", operator: "eq" as const },
  ]
  await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "Standard Shipping",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: shippingProfile.id,
        type: { label: "Standard", description: "Delivered in 3-5 days.", code: "standard" },
        prices: [{ currency_code: "eur", amount: 5 }, { currency_code: "usd", amount: 6 }, ...regionPrices],
        rules: storeRules,
      },
      {
        name: "Express Shipping",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: shippingProfile.id,
        type: { label: "Express", description: "Delivered in 24 hours.", code: "express" },
        prices: [
          { currency_code: "eur", amount: 15 },
          { currency_code: "usd", amount: 18 },
          ...regions.map((r) => ({ region_id: r.id, amount: r.currency_code === "eur" ? 15 : 18 })),
        ],
        rules: storeRules,
      },
    ],
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: location.id, add: [salesChannel.id] },
  })

  // ---- publishable API key ---------------------------------------------------
  logger.info("Seeding the publishable API key...")
  let apiKey = existingKeys[0]
  if (!apiKey) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: { api_keys: [{ title: data.PUBLISHABLE_KEY_TITLE, type: "publishable", created_by: "" }] },
    })
    apiKey = result[0]
  }
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: apiKey.id, add: [salesChannel.id] },
  })

  // ---- categories and products ----------------------------------------------
  logger.info("Seeding categories and products...")
  const { result: categories } = await createProductCategoriesWorkflow(container).run({
    input: {
      product_categories: data.CATEGORIES.map((name: string) => ({
        name,
        handle: name.toLowerCase(),
        is_active: true,
      })),
    },
  })
  const categoryId = Object.fromEntries(categories.map((c) => [c.name, c.id]))

  await createProductsWorkflow(container).run({
    input: {
      products: data.PRODUCTS.map((p: any) => ({
        title: p.title,
        handle: p.handle,
        description: p.description,
        status: ProductStatus.PUBLISHED,
        category_ids: [categoryId[p.category]],
        shipping_profile_id: shippingProfile.id,
        weight: 500,
        options: [{ title: p.option, values: p.values }],
        variants: p.values.map((value: string) => ({
          title: `${p.title} / ${value}`,
          sku: `${p.handle}-${value}`.toUpperCase(),
          options: { [p.option]: value },
          manage_inventory: true,
          prices: [
            { currency_code: "eur", amount: p.prices.eur },
            { currency_code: "usd", amount: p.prices.usd },
          ],
        })),
        sales_channels: [{ id: salesChannel.id }],
      })),
    },
  })

  // ---- inventory ---------------------------------------------------------------
  logger.info("Seeding inventory levels...")
  const { data: inventoryItems } = await query.graph({ entity: "inventory_item", fields: ["id"] })
  await createInventoryLevelsWorkflow(container).run({
    input: {
      inventory_levels: inventoryItems.map((item: { id: string }) => ({
        location_id: location.id,
        inventory_item_id: item.id,
        stocked_quantity: 1000,
      })),
    },
  })

  logger.info(
    `Demo store seeded: ${regions.length} regions, ${categories.length} categories, ${data.PRODUCTS.length} products.`
  )
  writeSummary({
    seeded: true,
    publishable_key: apiKey.token,
    sales_channel_id: salesChannel.id,
    regions: Object.fromEntries(regions.map((r) => [r.currency_code, r.id])),
  })
}
