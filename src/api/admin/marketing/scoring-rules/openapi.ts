import type { RouteGroup } from "../../../utils/openapi"
import { ok } from "../../../utils/openapi"
import {
  ScoringRuleDeleted,
  ScoringRuleFields,
  ScoringRuleGetResponse,
  ScoringRuleList,
  ScoringRulePreview,
  ScoringRuleResponse,
} from "./responses"
import {
  AdminCreateScoringRule,
  AdminDeleteScoringRuleQuery,
  AdminListScoringRules,
  AdminPreviewScoringRule,
  AdminRuleFieldsQuery,
  AdminUpdateScoringRule,
} from "./validators"

const APPLY_TO_HISTORY =
  "With `apply_to_history`, a background job re-scores the stored events with the change (only this rule's part of the scores) and `recompute` names it: " +
  "poll GET /admin/marketing/scoring/recomputes/{id}. Without it, the change applies from now on."

/** The API reference of these routes: see `RouteDoc`. */
export const adminScoringRuleRoutes: RouteGroup = {
  tag: "Scoring rules",
  description: "The rules that give or take points for what contacts do.",
  routes: [
    {
      method: "get",
      path: "/admin/marketing/scoring-rules",
      summary: "List scoring rules",
      description: "Rules in the order they were created.",
      access: "admin",
      query: AdminListScoringRules,
      body: null,
      responses: ok(ScoringRuleList),
    },
    {
      method: "post",
      path: "/admin/marketing/scoring-rules",
      summary: "Create a scoring rule",
      description:
        "An engagement or loyalty rule needs an `event_type`; `conditions` are checked against the fields GET /admin/marketing/scoring-rules/fields lists " +
        "(a 400 names the bad condition). " + APPLY_TO_HISTORY,
      access: "admin",
      query: null,
      body: AdminCreateScoringRule,
      responses: ok(ScoringRuleResponse),
    },
    {
      method: "get",
      path: "/admin/marketing/scoring-rules/fields",
      summary: "List the fields a rule can test",
      description:
        "For the rule editor's field picker: the fields the conditions of a rule of this kind (and event type) may test, and the built-in event types. " +
        "A custom event type has no fixed fields: its conditions may test any `properties.<path>` as text.",
      access: "admin",
      query: AdminRuleFieldsQuery,
      body: null,
      responses: ok(ScoringRuleFields),
    },
    {
      method: "post",
      path: "/admin/marketing/scoring-rules/preview",
      summary: "Preview a scoring rule's reach",
      description: "How many contacts a rule being edited would affect, for the live count in the editor. Writes nothing.",
      access: "admin",
      query: null,
      body: AdminPreviewScoringRule,
      responses: ok(ScoringRulePreview),
    },
    {
      method: "get",
      path: "/admin/marketing/scoring-rules/:id",
      summary: "Get a scoring rule",
      access: "admin",
      query: null,
      body: null,
      responses: ok(ScoringRuleGetResponse),
    },
    {
      method: "post",
      path: "/admin/marketing/scoring-rules/:id",
      summary: "Update a scoring rule",
      description: "Edits, activates or deactivates a rule; the fields not given stay. A new `conditions` tree replaces the old one. " + APPLY_TO_HISTORY,
      access: "admin",
      query: null,
      body: AdminUpdateScoringRule,
      responses: ok(ScoringRuleResponse),
    },
    {
      method: "delete",
      path: "/admin/marketing/scoring-rules/:id",
      summary: "Delete a scoring rule",
      description:
        "The rule stops applying; the points it gave stay in the ledger as history, unless `apply_to_history=true`, which starts a background job removing " +
        "them and the scores they moved (`recompute` names it).",
      access: "admin",
      query: AdminDeleteScoringRuleQuery,
      body: null,
      responses: ok(ScoringRuleDeleted, "The rule is deleted."),
    },
  ],
}
