import type { RouteGroup } from "../../../utils/openapi"
import { ok } from "../../../utils/openapi"
import {
  EmailTemplateDeleteResponse,
  EmailTemplateListResponse,
  EmailTemplatePreview,
  EmailTemplateResponse,
  InstalledStarterTemplatesResponse,
  StarterTemplateListResponse,
  TemplateVariablesResponse,
  TestSendResponse,
} from "./responses"
import {
  AdminCreateEmailTemplate,
  AdminInstallStarterTemplates,
  AdminListEmailTemplates,
  AdminPreviewEmailTemplate,
  AdminPreviewUnsavedEmailTemplate,
  AdminTestSendEmailTemplate,
  AdminUpdateEmailTemplate,
} from "./validators"

const CHECKED =
  "The template is checked as it will be saved: exactly one of `html` and `mjml`, Handlebars syntax, known helpers and partials, MJML; " +
  "a problem is a 400 naming the field, line and column (`html: line 3, column 5: …`). "

const BODY_LIMIT = "A request body over 5 MB is answered 413 before it is checked."

/** The API reference of these routes: see `RouteDoc`. */
export const adminTemplateRoutes: RouteGroup = {
  tag: "Templates",
  description: "Email templates: content, previews, test sends and starters.",
  routes: [
    {
      method: "get",
      path: "/admin/marketing/templates",
      summary: "List email templates",
      description: "By name. `q` keeps the templates whose name contains it, in any case.",
      access: "admin",
      query: AdminListEmailTemplates,
      body: null,
      responses: ok(EmailTemplateListResponse),
    },
    {
      method: "post",
      path: "/admin/marketing/templates",
      summary: "Create an email template",
      description: CHECKED + BODY_LIMIT,
      access: "admin",
      query: null,
      body: AdminCreateEmailTemplate,
      responses: ok(EmailTemplateResponse),
    },
    {
      method: "post",
      path: "/admin/marketing/templates/preview",
      summary: "Preview an unsaved template",
      description:
        "Renders a template that is not saved (the editor's live preview) with the sample context, or for `contact_id` (their profile and " +
        "Medusa customer over the sample), `data` merged in. A template error is a 400 naming the field, line and column. " +
        BODY_LIMIT,
      access: "admin",
      query: null,
      body: AdminPreviewUnsavedEmailTemplate,
      responses: ok(EmailTemplatePreview),
    },
    {
      method: "get",
      path: "/admin/marketing/templates/starters",
      summary: "List starter templates",
      description: "The templates that ship with the plugin (welcome, browse and cart abandonment, thank-you, win-back…).",
      access: "admin",
      query: null,
      body: null,
      responses: ok(StarterTemplateListResponse),
    },
    {
      method: "post",
      path: "/admin/marketing/templates/starters",
      summary: "Install starter templates",
      description:
        "Installs every starter, or those in `keys`; starters installed already are skipped (so a second call installs nothing). " +
        "Unknown keys are ignored. Two calls racing to install the same starter: one of them is a 422.",
      access: "admin",
      query: null,
      body: AdminInstallStarterTemplates,
      responses: ok(InstalledStarterTemplatesResponse),
      errors: [422],
    },
    {
      method: "get",
      path: "/admin/marketing/templates/variables",
      summary: "List template variables",
      description: "What a template can use: the render context's variables with their sample values, the helpers and the partials.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(TemplateVariablesResponse),
    },
    {
      method: "get",
      path: "/admin/marketing/templates/:id",
      summary: "Get an email template",
      access: "admin",
      query: null,
      body: null,
      responses: ok(EmailTemplateResponse),
    },
    {
      method: "post",
      path: "/admin/marketing/templates/:id",
      summary: "Update an email template",
      description:
        "Changes only the fields given. " +
        CHECKED.replace("as it will be saved", "as it will be saved (the change over the stored template)") +
        BODY_LIMIT,
      access: "admin",
      query: null,
      body: AdminUpdateEmailTemplate,
      responses: ok(EmailTemplateResponse),
    },
    {
      method: "delete",
      path: "/admin/marketing/templates/:id",
      summary: "Delete an email template",
      access: "admin",
      query: null,
      body: null,
      responses: ok(EmailTemplateDeleteResponse),
    },
    {
      method: "post",
      path: "/admin/marketing/templates/:id/preview",
      summary: "Preview an email template",
      description:
        "Renders the saved template with the sample context, or for `contact_id` (their profile and Medusa customer over the sample), " +
        "`data` merged in. Nothing is sent. An unknown `contact_id` is a 404.",
      access: "admin",
      query: null,
      body: AdminPreviewEmailTemplate,
      responses: ok(EmailTemplatePreview),
    },
    {
      method: "post",
      path: "/admin/marketing/templates/:id/test-send",
      summary: "Send a test email",
      description:
        "Sends the template to the address `to`, through the same path as every marketing email (message log, Notification Module, tracked links), " +
        "as a transactional message: consent does not apply, the suppression list does. It renders with `contact_id`'s data (the email goes to `to`, " +
        "not to the contact; an unknown `contact_id` is not checked, the email renders with an empty contact) or with the sample context. The answer is the message after the delivery attempt: look at its `status`. " +
        "An unknown template is a 400 naming `messages[0].template_id`, not a 404.",
      access: "admin",
      query: null,
      body: AdminTestSendEmailTemplate,
      responses: ok(TestSendResponse, "The message written, after the delivery attempt."),
    },
  ],
}
