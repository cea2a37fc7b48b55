import { Bolt, ChartActivity, CurrencyDollar, Envelope, ListCheckbox, Sparkles, UserGroup, Users } from "@medusajs/icons"
import type { ComponentType } from "react"

export type MarketingSection = {
  /** Stable key, also used in test ids. */
  id: string
  title: string
  description: string
  /** Absolute admin path. */
  to: string
  icon: ComponentType<{ className?: string }>
}

/**
 * The areas of the Marketing section, in the order the overview lists them.
 * Each new area (segments, flows, templates) adds one entry here
 * next to its route under `routes/marketing/`.
 */
export const MARKETING_SECTIONS: MarketingSection[] = [
  {
    id: "contacts",
    title: "Contacts",
    description:
      "Everyone who visited or bought: known customers and anonymous visitors, with their activity, sources and consent.",
    to: "/marketing/contacts",
    icon: Users,
  },
  {
    id: "scoring",
    title: "Scoring",
    description:
      "Rules that score leads and customers, the thresholds of the lifecycle stages, and how scores are spread.",
    to: "/marketing/scoring",
    icon: Sparkles,
  },
  {
    id: "segments",
    title: "Segments",
    description:
      "Groups of contacts by who they are, what they do and what they buy, kept up to date, optionally mirrored to customer groups.",
    to: "/marketing/segments",
    icon: UserGroup,
  },
  {
    id: "templates",
    title: "Templates",
    description:
      "The emails the store sends: subject, HTML or MJML body and plain text, with a live preview and test sends.",
    to: "/marketing/templates",
    icon: Envelope,
  },
  {
    id: "flows",
    title: "Flows",
    description:
      "Automated journeys: welcome series, abandoned carts, win-back and your own, with each step's numbers.",
    to: "/marketing/flows",
    icon: Bolt,
  },
  {
    id: "forms",
    title: "Forms",
    description:
      "Signup forms and pop-ups on the storefront: fields, consent, targeting, triggers and A/B tests, with what each brings.",
    to: "/marketing/forms",
    icon: ListCheckbox,
  },
  {
    id: "predictions",
    title: "Predictions",
    description:
      "Each customer's lifetime value, churn risk and next order, fitted on the store's orders, with how accurate they were.",
    to: "/marketing/predictions",
    icon: ChartActivity,
  },
  {
    id: "channels",
    title: "Channels and costs",
    description:
      "Where shoppers come from, what each channel costs per month, attribution windows and the cost of an email.",
    to: "/marketing/channels",
    icon: CurrencyDollar,
  },
]
