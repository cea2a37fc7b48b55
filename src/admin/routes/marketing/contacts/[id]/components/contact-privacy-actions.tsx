import { ArrowDownTray, Trash } from "@medusajs/icons"
import { toast } from "@medusajs/ui"
import { useState } from "react"
import { useNavigate } from "react-router-dom"
import { ActionMenu } from "../../../../../components/action-menu"
import { ConfirmPrompt } from "../../../../../components/confirm-prompt"
import { exportContactData, useEraseContact } from "../../../../../hooks/api/contacts"
import { getContactTitle } from "../../../../../lib/format"
import type { Contact } from "../../../../../lib/types"

/** Saves `data` as a JSON file through the browser. */
const downloadJson = (data: unknown, fileName: string) => {
  const blob = new Blob([JSON.stringify(data, null, 2)], {
    type: "application/json",
  })
  const url = URL.createObjectURL(blob)
  const link = document.createElement("a")
  link.href = url
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
  window.setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/**
 * The contact's actions menu: export the personal data the plugin holds
 * (a JSON download) and erase it, after a warning.
 */
export const ContactPrivacyActions = ({
  contact,
}: {
  contact: Pick<Contact, "id" | "email" | "customer_id">
}) => {
  const navigate = useNavigate()
  const [exporting, setExporting] = useState(false)
  const [erasing, setErasing] = useState(false)
  const title = getContactTitle(contact)

  const erase = useEraseContact(contact.id, {
    onSuccess: () => {
      toast.success(`The data of ${title} was erased`)
      setErasing(false)
      navigate("/marketing/contacts", { replace: true })
    },
    onError: (error) =>
      toast.error("The data could not be erased", {
        description:
          error.status === 404
            ? "Erasing data is not available on this server yet."
            : error.message,
      }),
  })

  const onExport = async () => {
    if (exporting) {
      return
    }
    setExporting(true)
    try {
      const data = await exportContactData(contact.id)
      downloadJson(data, `contact-${contact.id}.json`)
      toast.success("The contact's data was exported")
    } catch (e) {
      const error = e as { status?: number; message?: string }
      toast.error("The data could not be exported", {
        description:
          error.status === 404
            ? "Exporting data is not available on this server yet."
            : error.message,
      })
    } finally {
      setExporting(false)
    }
  }

  return (
    <>
      <ActionMenu
        label="Contact actions"
        testId="marketing-contact-actions"
        groups={[
          [
            {
              label: "Export data",
              icon: <ArrowDownTray />,
              onClick: onExport,
              testId: "marketing-contact-export",
            },
          ],
          [
            {
              label: "Erase data",
              icon: <Trash />,
              onClick: () => setErasing(true),
              testId: "marketing-contact-erase",
            },
          ],
        ]}
      />

      {erasing ? (
        <ConfirmPrompt
          title={`Erase all data of ${title}?`}
          description={
            <>
              Everything the marketing plugin stores about this person is
              permanently deleted: their profile, visits and events, scores,
              segment memberships, emails and consent records, and the
              contacts merged into theirs. Only a one-way hash of their email
              address is kept, so that they are not emailed again. This
              cannot be undone: export the data first if you need a copy.
              {contact.customer_id
                ? " Their Medusa customer account and orders are not part of this: manage them on the customer's page."
                : ""}
            </>
          }
          actionLabel="Erase data"
          testId="marketing-contact-erase-prompt"
          isPending={erase.isPending}
          onClose={() => setErasing(false)}
          onConfirm={() => erase.mutate()}
        />
      ) : null}
    </>
  )
}
