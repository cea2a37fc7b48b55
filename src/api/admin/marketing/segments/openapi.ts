import type { RouteGroup } from "../../../utils/openapi"
import { ok } from "../../../utils/openapi"
import {
  BuiltInSegmentListResponse,
  SegmentDeleteResponse,
  SegmentFieldsResponse,
  SegmentListResponse,
  SegmentMemberListResponse,
  SegmentPreviewResponse,
  SegmentResponse,
} from "./responses"
import {
  AdminAddBuiltInSegment,
  AdminCreateSegment,
  AdminListSegmentMembers,
  AdminListSegments,
  AdminPreviewSegment,
  AdminUpdateSegment,
} from "./validators"

/** The API reference of these routes: see `RouteDoc`. */
export const adminSegmentRoutes: RouteGroup = {
  tag: "Segments",
  description: "Real-time segments of contacts, built from condition trees.",
  routes: [
    {
      method: "get",
      path: "/admin/marketing/segments",
      summary: "List segments",
      description: "By name, with each segment's member count and its 30-day trend. `q` keeps the segments whose name contains it, in any case.",
      access: "admin",
      query: AdminListSegments,
      body: null,
      responses: ok(SegmentListResponse),
    },
    {
      method: "post",
      path: "/admin/marketing/segments",
      summary: "Create a segment",
      description:
        "Checks the condition tree (known fields and operators, referenced segments and customer groups exist, no cycle through other segments), " +
        "then builds the membership over every contact before answering. The first build announces nobody: flows triggered by " +
        "`segment_entered` do not start for the contacts already in it. With `mirror_to_customer_group`, members who are customers " +
        "join a new customer group of the same name (a 400 when a group has that name already).",
      access: "admin",
      query: null,
      body: AdminCreateSegment,
      responses: ok(SegmentResponse, "The segment, built."),
    },
    {
      method: "post",
      path: "/admin/marketing/segments/preview",
      summary: "Preview a segment",
      description: "How many contacts an unsaved condition tree matches now, and up to 20 of them. Nothing is saved.",
      access: "admin",
      query: null,
      body: AdminPreviewSegment,
      responses: ok(SegmentPreviewResponse),
    },
    {
      method: "get",
      path: "/admin/marketing/segments/fields",
      summary: "List what a condition can test",
      description: "The condition builder's catalog: contact fields, event types with their properties, purchase metrics and the operators of each.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(SegmentFieldsResponse),
    },
    {
      method: "get",
      path: "/admin/marketing/segments/built-ins",
      summary: "List built-in segments",
      description:
        "Ready-made segments for this store: interests in its top-level categories, age bands, its regions' and contacts' countries, devices, " +
        "lifecycle, RFM groups and purchases; each says whether it was added.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(BuiltInSegmentListResponse),
    },
    {
      method: "post",
      path: "/admin/marketing/segments/built-ins",
      summary: "Add a built-in segment",
      description:
        "Creates the built-in segment with this `key` (from GET /admin/marketing/segments/built-ins) and builds it, as creating a segment does. " +
        "An unknown key, or one already added, is a 400; two requests racing to add the same key: one of them is a 422.",
      access: "admin",
      query: null,
      body: AdminAddBuiltInSegment,
      responses: ok(SegmentResponse, "The segment, built."),
      errors: [422],
    },
    {
      method: "get",
      path: "/admin/marketing/segments/:id",
      summary: "Get a segment",
      access: "admin",
      query: null,
      body: null,
      responses: ok(SegmentResponse),
    },
    {
      method: "post",
      path: "/admin/marketing/segments/:id",
      summary: "Update a segment",
      description:
        "Changes only the fields given. A new `definition` is checked as on create, then the segment is rebuilt at once, with the segments that " +
        "reference it; contacts who enter or leave because of the edit are announced (`segment_entered` / `segment_exited`). Switching " +
        "`mirror_to_customer_group` on creates and fills the customer group, switching it off deletes it.",
      access: "admin",
      query: null,
      body: AdminUpdateSegment,
      responses: ok(SegmentResponse, "The segment, after the rebuild."),
    },
    {
      method: "delete",
      path: "/admin/marketing/segments/:id",
      summary: "Delete a segment",
      description:
        "Deletes the segment, its membership history and its mirror customer group; no exit is announced. " +
        "A segment another segment's definition references cannot be deleted (400 naming them).",
      access: "admin",
      query: null,
      body: null,
      responses: ok(SegmentDeleteResponse),
    },
    {
      method: "get",
      path: "/admin/marketing/segments/:id/contacts",
      summary: "List a segment's members",
      description: "The current members, most recent entries first.",
      access: "admin",
      query: AdminListSegmentMembers,
      body: null,
      responses: ok(SegmentMemberListResponse),
    },
  ],
}
