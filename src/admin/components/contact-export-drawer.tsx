import { Checkbox, Label, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { useNavigate } from "react-router-dom"
import { useCreateContactExport } from "../hooks/api/contact-exports"
import {
  AUDIENCE_PLATFORMS, CONTACT_EXPORT_COLUMNS, DEFAULT_CONTACT_EXPORT_COLUMNS, PLATFORM_LABELS, columnLabel,
  type AudiencePlatform, type ContactExportColumn,
} from "../lib/exports/types"
import { FormField } from "./form-field"
import { SelectInput } from "./select-input"
import { SideDrawer } from "./side-drawer"

type Source = { kind: "list"; filters: Record<string, unknown> } | { kind: "segment"; segment_id: string; name: string }

/**
 * "Export": the columns to write, whether the file is for advertising (only
 * contacts with advertising consent), and, for a segment, an ad audience for a
 * platform instead. The export runs in the background; Exports lists it.
 */
export const ContactExportDrawer = ({ source, onClose }: { source: Source; onClose: () => void }) => {
  const navigate = useNavigate()
  const [format, setFormat] = useState<"csv" | "audience">("csv")
  const [columns, setColumns] = useState<ContactExportColumn[]>(DEFAULT_CONTACT_EXPORT_COLUMNS)
  const [advertising, setAdvertising] = useState(false)
  const [platform, setPlatform] = useState<AudiencePlatform>("google")
  const [error, setError] = useState<string | null>(null)
  const create = useCreateContactExport()
  const audience = source.kind === "segment" && format === "audience"

  const toggle = (column: ContactExportColumn, on: boolean) =>
    setColumns((current) => (on ? CONTACT_EXPORT_COLUMNS.filter((c) => c === column || current.includes(c)) : current.filter((c) => c !== column)))

  const submit = () => {
    setError(null)
    const body = audience
      ? { kind: "audience" as const, segment_id: (source as { segment_id: string }).segment_id, platform }
      : source.kind === "segment"
      ? { kind: "segment" as const, segment_id: source.segment_id, columns, advertising }
      : { kind: "list" as const, filters: source.filters, columns, advertising }
    create.mutate(body, {
      onSuccess: () => {
        toast.success("Export started", { description: "It runs in the background; download it from Exports." })
        onClose()
        navigate("/marketing/exports")
      },
      onError: (e) => setError(e.message),
    })
  }

  return (
    <SideDrawer
      title="Export contacts"
      description={
        source.kind === "segment"
          ? `The members of ${source.name}, as a CSV file.`
          : "The contacts this list shows with its search and filters, as a CSV file."
      }
      testId="contact-export-drawer"
      onClose={onClose}
      isBusy={create.isPending}
      submit={{ label: "Export", testId: "contact-export-submit", disabled: !audience && !columns.length, onSubmit: submit }}
    >
      {source.kind === "segment" ? (
        <FormField id="export-format" label="File">
          <SelectInput
            id="export-format"
            value={format}
            onChange={(v) => setFormat(v as "csv" | "audience")}
            options={[
              { value: "csv", label: "Contacts with chosen columns" },
              { value: "audience", label: "Ad audience (hashed email and phone)" },
            ]}
            testId="export-format"
          />
        </FormField>
      ) : null}
      {audience ? (
        <>
          <FormField id="export-platform" label="Ad platform">
            <SelectInput
              id="export-platform"
              value={platform}
              onChange={(v) => setPlatform(v as AudiencePlatform)}
              options={AUDIENCE_PLATFORMS.map((p) => ({ value: p, label: PLATFORM_LABELS[p] }))}
              testId="export-platform"
            />
          </FormField>
          <Text size="small" className="text-ui-fg-subtle">
            Only members with advertising consent, and an email or a valid phone. Emails are trimmed and lower-cased,
            phones put in international form (read in the contact&apos;s country), then both hashed with SHA-256, as the
            platform matches customer lists. Upload the file in the platform&apos;s audience manager.
          </Text>
        </>
      ) : (
        <>
          <div className="flex items-start gap-x-2">
            <Checkbox id="export-advertising" checked={advertising} onCheckedChange={(v) => setAdvertising(v === true)} />
            <div>
              <Label htmlFor="export-advertising" size="small" weight="plus">For advertising</Label>
              <Text size="small" className="text-ui-fg-subtle">Only contacts who gave advertising consent.</Text>
            </div>
          </div>
          <fieldset className="flex flex-col gap-y-2" data-testid="export-columns">
            <Label size="small" weight="plus">Columns ({columns.length})</Label>
            <div className="grid grid-cols-2 gap-2">
              {CONTACT_EXPORT_COLUMNS.map((column) => (
                <div key={column} className="flex items-center gap-x-2">
                  <Checkbox id={`col-${column}`} checked={columns.includes(column)} onCheckedChange={(v) => toggle(column, v === true)} />
                  <Label htmlFor={`col-${column}`} size="small">{columnLabel(column)}</Label>
                </div>
              ))}
            </div>
          </fieldset>
        </>
      )}
      {error ? <Text size="small" className="text-ui-fg-error">{error}</Text> : null}
    </SideDrawer>
  )
}
