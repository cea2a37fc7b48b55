/** The channels as the owner reads them (reports/channels.ts names them). */
export const CHANNEL_LABELS: Record<string, string> = {
  direct: "Direct",
  organic_search: "Organic search",
  paid_search: "Paid search",
  social: "Social",
  paid_social: "Paid social",
  email: "Email",
  referral: "Referral",
  affiliate: "Affiliate",
  other: "Other",
}

export const channelLabel = (channel: string) => CHANNEL_LABELS[channel] ?? channel

export const CHANNEL_OPTIONS = Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }))

export const MAPPING_FIELD_OPTIONS = [
  { value: "utm_source", label: "UTM source" },
  { value: "utm_medium", label: "UTM medium" },
  { value: "utm_campaign", label: "UTM campaign" },
  { value: "referrer_domain", label: "Referrer domain" },
]

/** "12.5 EUR" */
export const formatMoney = (amount: number, currency: string) => {
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(amount)
  } catch {
    return `${amount} ${currency.toUpperCase()}`
  }
}
