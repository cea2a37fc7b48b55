import { defineMiddlewares } from "@medusajs/framework/http"
import { adminContactMiddlewares } from "./admin/marketing/contacts/middlewares"
import { adminContactExportMiddlewares } from "./admin/marketing/contact-exports/middlewares"
import { adminContactImportMiddlewares } from "./admin/marketing/contacts/imports/middlewares"
import { adminEventMiddlewares } from "./admin/marketing/events/middlewares"
import { adminFormMiddlewares } from "./admin/marketing/forms/middlewares"
import { adminFlowMiddlewares } from "./admin/marketing/flows/middlewares"
import { adminFlowEnrollmentMiddlewares } from "./admin/marketing/flows/[id]/enrollments/middlewares"
import { adminReportMiddlewares } from "./admin/marketing/reports/middlewares"
import { adminPredictionMiddlewares } from "./admin/marketing/predictions/middlewares"
import { adminMessageMiddlewares } from "./admin/marketing/messages/middlewares"
import { adminScoringRuleMiddlewares } from "./admin/marketing/scoring-rules/middlewares"
import { adminScoringSettingsMiddlewares } from "./admin/marketing/scoring-settings/middlewares"
import { adminSegmentMiddlewares } from "./admin/marketing/segments/middlewares"
import { adminTemplateMiddlewares } from "./admin/marketing/templates/middlewares"
import { adminReportSettingsMiddlewares } from "./admin/marketing/reports/settings/middlewares"
import { adminChannelSpendMiddlewares } from "./admin/marketing/reports/spend/middlewares"
import { adminChannelsReportMiddlewares } from "./admin/marketing/reports/channels/middlewares"
import { emailLinkMiddlewares } from "./marketing/middlewares"
import { trackingBeaconMiddlewares } from "./marketing/events/middlewares"
import { emailWebhookMiddlewares } from "./marketing/webhooks/middlewares"
import { storeTrackingMiddlewares } from "./store/marketing/events/middlewares"
import { storeMeMiddlewares } from "./store/marketing/me/middlewares"
import { storeFormMiddlewares } from "./store/marketing/forms/middlewares"
import { rejectWhileDatabaseDown } from "./utils/database-health"
import { marketingErrorHandler } from "./utils/error-handler"
import { PLUGIN_PATH_MATCHERS, rejectUnstorableInput } from "./utils/request-guard"

export default defineMiddlewares({
  // Medusa's own handler, except a 503 while the database is away and a 400 for undecodable paths on the plugin's routes.
  errorHandler: marketingErrorHandler,
  routes: [
    // String matchers: a RegExp from a plugin fails Medusa's instanceof check when loaded in another realm (Jest).
    ...PLUGIN_PATH_MATCHERS.map((matcher) => ({ matcher, middlewares: [rejectWhileDatabaseDown, rejectUnstorableInput] })),
    ...emailLinkMiddlewares,
    ...storeTrackingMiddlewares,
    ...storeFormMiddlewares,
    ...trackingBeaconMiddlewares,
    ...adminContactImportMiddlewares,
    ...adminContactMiddlewares,
    ...adminContactExportMiddlewares,
    ...adminScoringRuleMiddlewares,
    ...adminTemplateMiddlewares,
    ...adminMessageMiddlewares,
    ...emailWebhookMiddlewares,
    ...adminSegmentMiddlewares,
    ...adminScoringSettingsMiddlewares,
    ...storeMeMiddlewares,
    ...adminFlowMiddlewares,
    ...adminFlowEnrollmentMiddlewares,
    ...adminReportSettingsMiddlewares,
    ...adminChannelSpendMiddlewares,
    ...adminChannelsReportMiddlewares,
    ...adminReportMiddlewares,
    ...adminPredictionMiddlewares,
    ...adminEventMiddlewares,
    ...adminFormMiddlewares,
  ],
})
