import type { RouteGroup } from "../../../utils/openapi"
import { ok } from "../../../utils/openapi"
import { AdminChannelsReport } from "./channels/validators"
import { DEFAULT_PERIOD_DAYS, MAX_PERIOD_DAYS } from "./period"
import {
  ChannelSpendDeleted,
  ChannelSpendListResponse,
  ChannelSpendResponse,
  ChannelsReportResponse,
  FlowDetailReportResponse,
  FlowsReportResponse,
  FunnelResponse,
  MessagesSeriesResponse,
  ReportSettingsResponse,
  RevenueSeriesResponse,
  UpdateReportSettingsResponse,
} from "./responses"
import { AdminUpdateReportSettings } from "./settings/validators"
import { AdminCreateChannelSpend, AdminListChannelSpend, AdminUpdateChannelSpend } from "./spend/validators"
import { AdminReportPeriod, AdminRevenueReport } from "./validators"

const PERIOD =
  `\`from\` (inclusive) and \`to\` (exclusive; a bare date includes that whole day) are ISO dates or timestamps (UTC when no offset); ` +
  `the period defaults to the ${DEFAULT_PERIOD_DAYS} days up to now and may be at most ${MAX_PERIOD_DAYS} days long. ` +
  "Money is per currency, never added across currencies."

/** The API reference of these routes: see `RouteDoc`. */
export const adminReportRoutes: RouteGroup = {
  tag: "Reports",
  description: "What flows, messages and channels bring: revenue, funnels, spend and their settings.",
  routes: [
    {
      method: "get",
      path: "/admin/marketing/reports/flows",
      summary: "Report on every flow",
      description:
        "Every flow's relevance measures over the period: recipients, opens, clicks, bounces, conversions, attributed revenue, cost and cost per conversion. " +
        PERIOD,
      access: "admin",
      query: AdminReportPeriod,
      body: null,
      responses: ok(FlowsReportResponse),
    },
    {
      method: "get",
      path: "/admin/marketing/reports/flows/:id",
      summary: "Report on a flow",
      description: "One flow's measures, per step and A/B variant, its holdouts with their lift, and its A/B decisions. " + PERIOD,
      access: "admin",
      query: AdminReportPeriod,
      body: null,
      responses: ok(FlowDetailReportResponse),
    },
    {
      method: "get",
      path: "/admin/marketing/reports/messages",
      summary: "Report on marketing messages per day",
      description:
        "Marketing messages (transactional ones left out) sent, opened, clicked, bounced and unsubscribed, per UTC day of sending: each day is the cohort of that day's sends, so a later open counts on the day its message was sent. " +
        PERIOD,
      access: "admin",
      query: AdminReportPeriod,
      body: null,
      responses: ok(MessagesSeriesResponse),
    },
    {
      method: "get",
      path: "/admin/marketing/reports/revenue",
      summary: "Report on attributed revenue per day",
      description:
        "Attributed order revenue (withdrawn attributions left out) per flow per UTC day in one currency: `currency_code`, else the first currency with revenue in the period, else the settings' currency. " +
        PERIOD,
      access: "admin",
      query: AdminRevenueReport,
      body: null,
      responses: ok(RevenueSeriesResponse),
    },
    {
      method: "get",
      path: "/admin/marketing/reports/funnel",
      summary: "Report on the lifecycle funnel",
      description: "Contacts per lifecycle stage now, and entries into each stage in the period. " + PERIOD,
      access: "admin",
      query: AdminReportPeriod,
      body: null,
      responses: ok(FunnelResponse),
    },
    {
      method: "get",
      path: "/admin/marketing/reports/channels",
      summary: "Report on customer acquisition per channel",
      description:
        "New customers, spend and cost of acquisition (CAC) per UTC month and acquisition channel. `from` (inclusive) and `to` (exclusive) are ISO dates, timestamps or months (YYYY-MM, its first instant); " +
        "without them the last 12 months, this one included; with only `from`, up to the start of the 12th month after its month; with only `to`, from the start of the month 12 months before its month. The period has no maximum length.",
      access: "admin",
      query: AdminChannelsReport,
      body: null,
      responses: ok(ChannelsReportResponse),
    },
    {
      method: "get",
      path: "/admin/marketing/reports/settings",
      summary: "Get the report settings",
      description: "The attribution windows, costs and channel mappings, created with the defaults on first use, with the channels a mapping may name.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(ReportSettingsResponse),
    },
    {
      method: "post",
      path: "/admin/marketing/reports/settings",
      summary: "Update the report settings",
      description:
        "Saves the given fields; the others stay. `channel_mappings` replaces the whole list, and a change of it classifies every contact's first and last channel again " +
        "before the answer (`reclassified` counts the contacts that changed). Windows apply to orders attributed from now on.",
      access: "admin",
      query: null,
      body: AdminUpdateReportSettings,
      responses: ok(UpdateReportSettingsResponse),
    },
    {
      method: "get",
      path: "/admin/marketing/reports/spend",
      summary: "List channel spend",
      description: "Spend rows, newest month first, filtered by month range (inclusive) and channel.",
      access: "admin",
      query: AdminListChannelSpend,
      body: null,
      responses: ok(ChannelSpendListResponse),
    },
    {
      method: "post",
      path: "/admin/marketing/reports/spend",
      summary: "Record channel spend",
      description: "Records what the store spent on a channel in a month, optionally for one UTM source or campaign of it. Several rows of one month and channel add up.",
      access: "admin",
      query: null,
      body: AdminCreateChannelSpend,
      responses: { 201: { description: "The spend row, created.", schema: ChannelSpendResponse } },
    },
    {
      method: "get",
      path: "/admin/marketing/reports/spend/:id",
      summary: "Get a spend row",
      access: "admin",
      query: null,
      body: null,
      responses: ok(ChannelSpendResponse),
    },
    {
      method: "post",
      path: "/admin/marketing/reports/spend/:id",
      summary: "Update a spend row",
      description: "Changes the given fields of one spend row.",
      access: "admin",
      query: null,
      body: AdminUpdateChannelSpend,
      responses: ok(ChannelSpendResponse),
    },
    {
      method: "delete",
      path: "/admin/marketing/reports/spend/:id",
      summary: "Delete a spend row",
      access: "admin",
      query: null,
      body: null,
      responses: ok(ChannelSpendDeleted),
    },
  ],
}
