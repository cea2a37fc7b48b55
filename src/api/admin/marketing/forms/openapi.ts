import type { RouteGroup } from "../../../utils/openapi"
import { ok } from "../../../utils/openapi"
import { FormDeleted, FormListResponse, FormResponse, FormSubmissionListResponse } from "./responses"
import { AdminCreateForm, AdminListFormSubmissions, AdminListForms, AdminUpdateForm } from "./validators"

/** The API reference of these routes: see `RouteDoc`. */
export const adminFormRoutes: RouteGroup = {
  tag: "Forms",
  description: "Signup forms and pop-ups: their design, targeting, triggers and variants, their figures and their submissions.",
  routes: [
    {
      method: "get",
      path: "/admin/marketing/forms",
      summary: "List forms",
      description: "Forms, newest first, each with its views, submissions and submit rate over the last 30 days, per variant, and the A/B winner.",
      access: "admin",
      query: AdminListForms,
      body: null,
      responses: ok(FormListResponse),
    },
    {
      method: "post",
      path: "/admin/marketing/forms",
      summary: "Create a form",
      description:
        "A pop-up, flyout, banner or embedded form. A 400 names the first bad field (`variants[1].weight`, `targeting.include_pages[0]`, `consent.topics[0]`) and nothing is written.",
      access: "admin",
      query: null,
      body: AdminCreateForm,
      responses: { 201: { description: "The form, created.", schema: FormResponse } },
    },
    {
      method: "get",
      path: "/admin/marketing/forms/:id",
      summary: "Get a form",
      access: "admin",
      query: null,
      body: null,
      responses: ok(FormResponse),
    },
    {
      method: "post",
      path: "/admin/marketing/forms/:id",
      summary: "Update a form",
      description: "Each part given replaces that part whole; the form that results is checked as a whole (a 400 names the field, nothing written).",
      access: "admin",
      query: null,
      body: AdminUpdateForm,
      responses: ok(FormResponse),
    },
    {
      method: "delete",
      path: "/admin/marketing/forms/:id",
      summary: "Delete a form",
      description: "The form leaves the storefront at once; its submissions stay.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(FormDeleted),
    },
    {
      method: "get",
      path: "/admin/marketing/forms/:id/submissions",
      summary: "List a form's submissions",
      description: "Newest first, each with the values typed, the consent given and the consent text shown, the hidden fields and the page.",
      access: "admin",
      query: AdminListFormSubmissions,
      body: null,
      responses: ok(FormSubmissionListResponse),
    },
  ],
}
