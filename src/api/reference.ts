import type { RouteGroup } from "./utils/openapi"
import { adminContactRoutes } from "./admin/marketing/contacts/openapi"
import { adminContactExportRoutes } from "./admin/marketing/contact-exports/openapi"
import { adminEventRoutes } from "./admin/marketing/events/openapi"
import { adminScoringRuleRoutes } from "./admin/marketing/scoring-rules/openapi"
import { adminScoringSettingsRoutes } from "./admin/marketing/scoring-settings/openapi"
import { adminScoringRoutes } from "./admin/marketing/scoring/openapi"
import { adminFlowRoutes } from "./admin/marketing/flows/openapi"
import { adminMessageRoutes } from "./admin/marketing/messages/openapi"
import { adminSegmentRoutes } from "./admin/marketing/segments/openapi"
import { adminTemplateRoutes } from "./admin/marketing/templates/openapi"
import { adminReportRoutes } from "./admin/marketing/reports/openapi"
import { adminFormRoutes } from "./admin/marketing/forms/openapi"
import { adminLeadPredictionRoutes } from "./admin/marketing/predictions/lead-openapi"
import { adminPredictionRoutes } from "./admin/marketing/predictions/openapi"
import { adminRetentionRoutes } from "./admin/marketing/retention-runs/openapi"
import { storeMarketingRoutes } from "./store/marketing/openapi"
import { apiReferenceRoutes, publicMarketingRoutes } from "./marketing/openapi"

/**
 * Every route of the plugin, as the API reference documents it, in the order of
 * the reference. Each group lives beside its routes' validators; a test fails
 * when a route file has no entry here or an entry has no route.
 */
export const API_REFERENCE: RouteGroup[] = [
  adminContactRoutes,
  adminContactExportRoutes,
  adminEventRoutes,
  adminScoringRuleRoutes,
  adminScoringSettingsRoutes,
  adminScoringRoutes,
  adminFlowRoutes,
  adminMessageRoutes,
  adminSegmentRoutes,
  adminTemplateRoutes,
  adminReportRoutes,
  adminFormRoutes,
  adminLeadPredictionRoutes,
  adminPredictionRoutes,
  adminRetentionRoutes,
  storeMarketingRoutes,
  publicMarketingRoutes,
  apiReferenceRoutes,
]
