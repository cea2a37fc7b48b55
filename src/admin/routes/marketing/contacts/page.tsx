import { defineRouteConfig } from "@medusajs/admin-sdk"
import { staticBreadcrumb } from "../../../components/breadcrumb"
import { listPage } from "../../../components/layouts/single-column-layout"
import { ContactsTable } from "./components/contacts-table"

export const config = defineRouteConfig({ label: "Contacts", rank: 1 })

export const handle = staticBreadcrumb("Contacts")

export default listPage(ContactsTable)
