import { z } from "@medusajs/framework/zod"
import type { RouteGroup } from "../../../utils/openapi"
import { ok } from "../../../utils/openapi"
import { descriptionField, nameField } from "../../../utils/validators"
import { AdminEnrollInFlow, AdminListFlowEnrollments } from "./[id]/enrollments/validators"
import { FlowDefinition } from "./definition-schema"
import {
  EnrollInFlowResult,
  EnrollInFlowScheduled,
  FlowAbDecisionsResponse,
  FlowDeleted,
  FlowEnrollmentDetailResponse,
  FlowEnrollmentListResponse,
  FlowListResponse,
  FlowRecipesResponse,
  FlowResponse,
  FlowStatsResponse,
  FlowValidationResult,
  FlowVersionsResponse,
} from "./responses"
import { AdminCreateFlow, AdminFlowStats, AdminListFlows, AdminUpdateFlow, AdminValidateFlow } from "./validators"

const FLOWS = "/admin/marketing/flows"

/** What the reference shows for a saved definition: a complete one, or a draft in progress (the route takes any object). */
const draftDefinition = () =>
  z
    .union([
      FlowDefinition,
      z.record(z.string(), z.unknown()).meta({ description: "A draft in progress: any JSON object, checked in full on publish." }),
    ])
    .meta({ description: "A FlowDefinition, up to 200,000 characters of JSON; a draft may be incomplete while it is built." })

const flowBody = { name: nameField(), description: descriptionField(), definition: draftDefinition() }

/** The answer of the routes that change one flow and answer it. */
const oneFlow = (description: string) => ok(FlowResponse, description)

/** The API reference of these routes: see `RouteDoc`. */
export const adminFlowRoutes: RouteGroup = {
  tag: "Flows",
  description: "Nurturing flows: their graph, versions, life cycle, enrollments, statistics and recipes.",
  routes: [
    {
      method: "get",
      path: FLOWS,
      summary: "List flows",
      description: "Each flow with its enrollment counts and a sparkline of entries over the last 30 days. `q` searches names.",
      access: "admin",
      query: AdminListFlows,
      body: null,
      responses: ok(FlowListResponse),
    },
    {
      method: "post",
      path: FLOWS,
      summary: "Create a flow",
      description: "Creates a draft. The definition may be incomplete; publishing checks it in full.",
      access: "admin",
      query: null,
      body: AdminCreateFlow,
      bodyDocument: z.object({ ...flowBody }).strict(),
      responses: oneFlow("The new draft."),
    },
    {
      method: "post",
      path: `${FLOWS}/validate`,
      summary: "Check a definition",
      description:
        "Checks an unsaved definition's fields and graph, not whether its templates, segments and customer groups exist. " +
        "Answers 200 whether or not it is valid, with every problem (at most 100), for a builder checking as the owner types.",
      access: "admin",
      query: null,
      body: AdminValidateFlow,
      bodyDocument: z
        .object({ definition: FlowDefinition })
        .strict()
        .meta({ description: "`definition` may be any JSON: the answer says what is wrong with it." }),
      responses: ok(FlowValidationResult),
    },
    {
      method: "get",
      path: `${FLOWS}/recipes`,
      summary: "List flow recipes",
      description: "The ready-made flows: what each is for, the starter templates and built-in segments it uses, and its steps.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(FlowRecipesResponse),
    },
    {
      method: "post",
      path: `${FLOWS}/recipes/:key/install`,
      summary: "Install a flow recipe",
      description:
        "Installs the recipe as a new draft flow, creating the starter templates and built-in segments it needs when the store lacks them. " +
        "Installing twice makes two drafts. An unknown key is a 400.",
      access: "admin",
      params: z.object({ key: z.string().meta({ description: "A recipe's `key` (GET /admin/marketing/flows/recipes)." }) }),
      query: null,
      body: null,
      responses: oneFlow("The new draft."),
    },
    {
      method: "get",
      path: `${FLOWS}/:id`,
      summary: "Get a flow",
      access: "admin",
      query: null,
      body: null,
      responses: ok(FlowResponse),
    },
    {
      method: "post",
      path: `${FLOWS}/:id`,
      summary: "Update a flow",
      description:
        "A draft's name, description and definition are replaced as given. A new definition for an active or paused flow is checked in full " +
        "(a 400 names the step and saves nothing) and published at once as the next version; contacts already in the flow finish on theirs. " +
        "An archived flow cannot change (400).",
      access: "admin",
      query: null,
      body: AdminUpdateFlow,
      bodyDocument: z.object({ ...flowBody }).partial().strict(),
      responses: oneFlow("The flow as saved."),
    },
    {
      method: "delete",
      path: `${FLOWS}/:id`,
      summary: "Delete a draft flow",
      description: "Only a draft can be deleted (400 otherwise): a flow that was ever published is archived instead, so its reports remain.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(FlowDeleted),
    },
    {
      method: "post",
      path: `${FLOWS}/:id/validate`,
      summary: "Check a flow's draft",
      description:
        "Checks the saved draft as publishing would, including that its templates, segments and customer groups exist. 200 either way.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(FlowValidationResult),
    },
    {
      method: "post",
      path: `${FLOWS}/:id/publish`,
      summary: "Publish a flow",
      description:
        "Checks the draft in full and freezes it as the next version, which new enrollments use; a draft becomes active. " +
        "An invalid draft is a 400 naming the step, and nothing is written. An archived flow cannot be published (400).",
      access: "admin",
      query: null,
      body: null,
      responses: oneFlow("The flow, active, with its new version."),
    },
    {
      method: "post",
      path: `${FLOWS}/:id/pause`,
      summary: "Pause a flow",
      description: "Only an active flow (400 otherwise): nobody enrolls, and contacts in the flow are held where they are until it resumes.",
      access: "admin",
      query: null,
      body: null,
      responses: oneFlow("The paused flow."),
    },
    {
      method: "post",
      path: `${FLOWS}/:id/resume`,
      summary: "Resume a flow",
      description: "Only a paused flow (400 otherwise): held contacts go on and the trigger enrolls again.",
      access: "admin",
      query: null,
      body: null,
      responses: oneFlow("The active flow."),
    },
    {
      method: "post",
      path: `${FLOWS}/:id/archive`,
      summary: "Archive a flow",
      description:
        "Stops the flow for good: every contact still in it exits (end reason `archived`). Versions, enrollments and step runs stay for the reports. " +
        "An archived flow cannot be archived again (400).",
      access: "admin",
      query: null,
      body: null,
      responses: oneFlow("The archived flow."),
    },
    {
      method: "post",
      path: `${FLOWS}/:id/duplicate`,
      summary: "Duplicate a flow",
      description: 'Copies the flow\'s draft definition, whatever its status, into a new draft named "<name> (copy)".',
      access: "admin",
      query: null,
      body: null,
      responses: oneFlow("The new draft."),
    },
    {
      method: "get",
      path: `${FLOWS}/:id/versions`,
      summary: "List a flow's versions",
      description: "Every published version, newest first, with its frozen definition.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(FlowVersionsResponse),
    },
    {
      method: "get",
      path: `${FLOWS}/:id/stats`,
      summary: "Get a flow's step numbers",
      description:
        "Per step: enrollments that reached it, contacts waiting at it now, emails sent, opened and clicked, runs per branch and per variant. " +
        "For one version with `version_id` (an id of another flow's version gives no steps), every version's otherwise.",
      access: "admin",
      query: AdminFlowStats,
      body: null,
      responses: ok(FlowStatsResponse),
    },
    {
      method: "get",
      path: `${FLOWS}/:id/ab-decisions`,
      summary: "List a flow's A/B decisions",
      description: "The automatic A/B winners of the flow's send steps, every version, newest first (at most 200), with the test and samples behind each.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(FlowAbDecisionsResponse),
    },
    {
      method: "get",
      path: `${FLOWS}/:id/enrollments`,
      summary: "List a flow's enrollments",
      description: "Newest first, by status and contact, each with its contact and the converting order's number.",
      access: "admin",
      query: AdminListFlowEnrollments,
      body: null,
      responses: ok(FlowEnrollmentListResponse),
    },
    {
      method: "post",
      path: `${FLOWS}/:id/enrollments`,
      summary: "Enroll contacts in a flow",
      description:
        "One contact now, or a segment's members now or at `at`. Only an active flow enrolls (400 otherwise). A contact already in the flow, " +
        "barred by the re-entry policy or the entry filter, or unreachable is not enrolled (`enrolled: 0`); a repeated request enrolls nobody twice. Enrollments made now run their first steps before the answer " +
        "(a large segment's first batch; the runner takes the rest). An unknown contact or segment is a 404.",
      access: "admin",
      query: null,
      body: AdminEnrollInFlow,
      responses: {
        ...ok(EnrollInFlowResult, "Enrolled now."),
        202: { description: "A segment's enrollment is scheduled for `at`: nobody is enrolled yet.", schema: EnrollInFlowScheduled },
      },
    },
    {
      method: "get",
      path: `${FLOWS}/:id/enrollments/:enrollment_id`,
      summary: "Get an enrollment",
      description: "One enrollment of the flow with its step runs, oldest first (at most 1000), its contact and the converting order's number.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(FlowEnrollmentDetailResponse),
    },
  ],
}
