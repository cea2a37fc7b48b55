"use strict"
/**
 * Demo store data shared by the seed script (run by `medusa exec`) and the
 * shopper simulation. Prices are in the currency's main unit (Medusa 2.x).
 */

const SALES_CHANNEL = "Marketing Demo Store"
const PUBLISHABLE_KEY_TITLE = "Marketing demo storefront"

const REGIONS = [
  { name: "Europe", currency_code: "eur", countries: ["fr", "de", "es", "it", "gb"] },
  { name: "North America", currency_code: "usd", countries: ["us", "ca"] },
]

const CATEGORIES = ["Shoes", "Shirts", "Accessories", "Outdoor"]

const SIZES_SHOES = ["40", "42", "44"]
const SIZES_CLOTHES = ["S", "M", "L"]

/** title, handle, category, option, values, eur, usd */
const PRODUCTS = [
  ["Trail Runner Shoes", "trail-runner-shoes", "Shoes", "Size", SIZES_SHOES, 119, 129],
  ["City Leather Sneakers", "city-leather-sneakers", "Shoes", "Size", SIZES_SHOES, 139, 149],
  ["Merino Hiking Boots", "merino-hiking-boots", "Shoes", "Size", SIZES_SHOES, 179, 195],
  ["Organic Cotton T-Shirt", "organic-cotton-tshirt", "Shirts", "Size", SIZES_CLOTHES, 29, 32],
  ["Oxford Button-Down Shirt", "oxford-button-down-shirt", "Shirts", "Size", SIZES_CLOTHES, 69, 75],
  ["Linen Summer Shirt", "linen-summer-shirt", "Shirts", "Size", SIZES_CLOTHES, 59, 65],
  ["Canvas Weekender Bag", "canvas-weekender-bag", "Accessories", "Color", ["Olive", "Sand"], 89, 99],
  ["Leather Card Wallet", "leather-card-wallet", "Accessories", "Color", ["Black", "Cognac"], 39, 45],
  ["Wool Beanie", "wool-beanie", "Accessories", "Color", ["Grey", "Navy"], 25, 28],
  ["Ultralight Tent 2P", "ultralight-tent-2p", "Outdoor", "Color", ["Green", "Orange"], 329, 359],
  ["Insulated Water Bottle", "insulated-water-bottle", "Outdoor", "Color", ["Steel", "Forest"], 32, 35],
  ["Packable Rain Jacket", "packable-rain-jacket", "Outdoor", "Size", SIZES_CLOTHES, 149, 159],
].map(([title, handle, category, option, values, eur, usd]) => ({
  title,
  handle,
  category,
  option,
  values,
  prices: { eur, usd },
  description: `${title}: made to last, from the marketing automation demo catalogue.`,
}))

const CUSTOMER_PASSWORD = "shopper-secret"

/** Known shoppers: they register, log in and identify themselves. */
const CUSTOMERS = [
  { email: "emma.martin@example.com", first_name: "Emma", last_name: "Martin", phone: "+33612345678", country_code: "fr", city: "Lyon", birth_date: "1991-04-12", gender: "female", occupation: "Designer" },
  { email: "lukas.schmidt@example.com", first_name: "Lukas", last_name: "Schmidt", phone: "+4915112345678", country_code: "de", city: "Berlin", birth_date: "1985-09-30", gender: "male", occupation: "Engineer" },
  { email: "sofia.garcia@example.com", first_name: "Sofia", last_name: "Garcia", phone: "+34612345678", country_code: "es", city: "Madrid", birth_date: "1998-01-22", gender: "female", occupation: "Student" },
  { email: "giulia.rossi@example.com", first_name: "Giulia", last_name: "Rossi", phone: "+393401234567", country_code: "it", city: "Milan", birth_date: "1979-06-05", gender: "female", occupation: "Architect" },
  { email: "oliver.smith@example.com", first_name: "Oliver", last_name: "Smith", phone: "+447700900123", country_code: "gb", city: "London", birth_date: "1988-11-17", gender: "male", occupation: "Teacher" },
  { email: "ava.johnson@example.com", first_name: "Ava", last_name: "Johnson", phone: "+12025550143", country_code: "us", city: "Seattle", birth_date: "1994-03-08", gender: "female", occupation: "Nurse" },
  { email: "noah.williams@example.com", first_name: "Noah", last_name: "Williams", phone: "+13125550199", country_code: "us", city: "Chicago", birth_date: "1969-12-01", gender: "male", occupation: "Sales manager" },
  { email: "chloe.tremblay@example.com", first_name: "Chloe", last_name: "Tremblay", phone: "+15145550177", country_code: "ca", city: "Montreal", birth_date: "2001-07-14", gender: "female", occupation: "Photographer" },
]

const ADDRESSES = {
  fr: { address_1: "12 rue de la République", postal_code: "69002" },
  de: { address_1: "Torstraße 101", postal_code: "10119" },
  es: { address_1: "Calle de Alcalá 45", postal_code: "28014" },
  it: { address_1: "Via Torino 20", postal_code: "20123" },
  gb: { address_1: "221B Baker Street", postal_code: "NW1 6XE" },
  us: { address_1: "500 Pine Street", postal_code: "98101" },
  ca: { address_1: "1200 Rue Sainte-Catherine", postal_code: "H3B 1K9" },
}

const CITIES = {
  fr: ["Paris", "Lyon", "Marseille"],
  de: ["Berlin", "Munich", "Hamburg"],
  es: ["Madrid", "Barcelona", "Valencia"],
  it: ["Milan", "Rome", "Turin"],
  gb: ["London", "Manchester", "Leeds"],
  us: ["Seattle", "Chicago", "Austin", "New York"],
  ca: ["Toronto", "Montreal", "Vancouver"],
}

const LOCALES = {
  fr: ["fr-FR", "Europe/Paris"],
  de: ["de-DE", "Europe/Berlin"],
  es: ["es-ES", "Europe/Madrid"],
  it: ["it-IT", "Europe/Rome"],
  gb: ["en-GB", "Europe/London"],
  us: ["en-US", "America/New_York"],
  ca: ["en-CA", "America/Toronto"],
}

const USER_AGENTS = {
  desktop: [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
  ],
  mobile: [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
  ],
  tablet: [
    "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  ],
}

/**
 * Where shoppers arrive from: UTM parameters, a referrer, or an ad click id on the landing page
 * (`click`), one entry per acquisition channel (Marketing → Channels and costs). null: direct.
 */
const UTM_SOURCES = {
  google: { source: "google", medium: "cpc", campaign: "spring-sale", referrer: "https://www.google.com/", click: "gclid" },
  newsletter: { source: "newsletter", medium: "email", campaign: "weekly-picks", referrer: "" },
  instagram: { source: "instagram", medium: "social", campaign: "outdoor-stories", referrer: "https://l.instagram.com/" },
  facebookAds: { source: "facebook", medium: "paid", campaign: "autumn-retargeting", referrer: "https://m.facebook.com/", click: "fbclid" },
  searchOrganic: { referrer: "https://duckduckgo.com/" },
  bingOrganic: { referrer: "https://www.bing.com/" },
  blog: { referrer: "https://hiking-blog.example.org/best-boots" },
  affiliate: { referrer: "https://www.outdoor-deals.example/offers" },
  direct: null,
  direct2: null,
}

const SEARCH_TERMS = ["running shoes", "rain jacket", "linen shirt", "tent", "wallet", "gift ideas", "boots", "merino"]

const CONTENT_PAGES = ["/", "/about", "/journal/packing-list", "/journal/care-guide", "/shipping", "/sale"]

module.exports = {
  SALES_CHANNEL,
  PUBLISHABLE_KEY_TITLE,
  REGIONS,
  CATEGORIES,
  PRODUCTS,
  CUSTOMERS,
  CUSTOMER_PASSWORD,
  ADDRESSES,
  CITIES,
  LOCALES,
  USER_AGENTS,
  UTM_SOURCES,
  SEARCH_TERMS,
  CONTENT_PAGES,
}
