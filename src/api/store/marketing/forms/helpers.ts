import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type { StoredForm } from "../../../../modules/marketing/forms/types"
import { marketingOf } from "../../../../workflows/utils/marketing"

/** An active form by id; 404 for any other (a draft, a paused or deleted form are not on the storefront). */
export async function activeForm(container: MedusaContainer, id: string): Promise<StoredForm> {
  const [form] = await marketingOf(container).listForms({ id, status: "active" }, { take: 1 })
  if (!form) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Form with id "${id}" was not found`)
  return form as unknown as StoredForm
}
