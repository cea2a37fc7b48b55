import { XMarkMini } from "@medusajs/icons"
import { IconButton, Input, Text } from "@medusajs/ui"
import { useId, useState } from "react"
import { useContact, useContacts } from "../../../../../hooks/api/contacts"
import { useDebouncedValue } from "../../../../../hooks/use-debounced-value"
import { ContactLines } from "../../../../../components/live-count"
import { getContactName, getContactTitle } from "../../../../../lib/format"

const SEARCH_DEBOUNCE_MS = 300
const SEARCH_LIMIT = 5
const CONTACT_ID = /^mcon_[A-Za-z0-9]+$/

/**
 * Who the preview (and a test send) renders for: the sample contact, or a
 * real one picked by email or pasted by ID.
 */
export const ContactPicker = ({
  value,
  onChange,
}: {
  value: string | null
  onChange: (contactId: string | null) => void
}) => {
  const inputId = useId()
  const [search, setSearch] = useState("")
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS)
  const looksLikeId = CONTACT_ID.test(q)

  const results = useContacts(
    { q, limit: SEARCH_LIMIT, order: "-last_seen_at" },
    { enabled: !value && !!q && !looksLikeId }
  )
  const chosen = useContact(value ?? undefined, {
    enabled: !!value,
    retry: false,
  })

  if (value) {
    const contact = chosen.contact
    const name = contact ? getContactName(contact) : null
    return (
      <div
        className="flex items-center justify-between gap-x-2"
        data-testid="template-preview-contact"
        data-contact-id={value}
      >
        <div className="flex min-w-0 flex-col">
          <Text size="small" leading="compact" weight="plus" className="truncate">
            {contact
              ? getContactTitle(contact)
              : chosen.isError
                ? "Unknown contact"
                : value}
          </Text>
          <Text size="xsmall" leading="compact" className="text-ui-fg-muted truncate">
            {name ? `${name} · ` : ""}
            <span className="font-mono">{value}</span>
          </Text>
        </div>
        <IconButton
          size="small"
          variant="transparent"
          type="button"
          aria-label="Preview with the sample contact"
          onClick={() => {
            setSearch("")
            onChange(null)
          }}
          data-testid="template-preview-contact-clear"
        >
          <XMarkMini />
        </IconButton>
      </div>
    )
  }

  const options = looksLikeId
    ? []
    : (results.contacts ?? []).filter((contact) => !!contact.email)

  return (
    <div className="flex flex-col gap-y-2">
      <Input
        id={inputId}
        size="small"
        type="search"
        value={search}
        placeholder="Sample contact: search by email or paste a contact ID"
        aria-label="Preview as contact"
        onChange={(event) => setSearch(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault()
            if (CONTACT_ID.test(search.trim())) {
              onChange(search.trim())
            }
          }
        }}
        data-testid="template-preview-contact-search"
      />
      {looksLikeId ? (
        <button
          type="button"
          className="hover:bg-ui-bg-base-hover transition-fg txt-compact-small rounded-md px-2 py-1.5 text-left"
          onClick={() => onChange(q)}
          data-testid="template-preview-contact-option"
        >
          Preview as contact <span className="font-mono">{q}</span>
        </button>
      ) : q ? (
        results.isFetching && !options.length ? (
          <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
            Searching…
          </Text>
        ) : options.length ? (
          <ul className="flex flex-col" data-testid="template-preview-contact-options">
            {options.map((contact) => {
              return (
                <li key={contact.id}>
                  <button
                    type="button"
                    className="hover:bg-ui-bg-base-hover transition-fg flex w-full min-w-0 flex-col rounded-md px-2 py-1.5 text-left"
                    onClick={() => onChange(contact.id)}
                    data-testid="template-preview-contact-option"
                  >
                    <ContactLines contact={contact} />
                  </button>
                </li>
              )
            })}
          </ul>
        ) : (
          <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
            {results.isError
              ? "Contacts could not be searched."
              : "No contact with a matching email."}
          </Text>
        )
      ) : null}
    </div>
  )
}
