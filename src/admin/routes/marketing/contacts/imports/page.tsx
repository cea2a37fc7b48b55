import { Button, Container, Heading, Input, Label, Select, Table, Text, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useSearchParams } from "react-router-dom"
import {
  type ContactImportPreview,
  downloadRejectedRows,
  useContactImport,
  useContactImports,
  useCreateContactImport,
  usePreviewContactImport,
} from "../../../../hooks/api/contact-imports"
import { IMPORT_FIELDS } from "../../../../../modules/marketing/imports/fields"
import { staticBreadcrumb } from "../../../../components/breadcrumb"

export const handle = staticBreadcrumb("Import contacts")

const NONE = "__none__"
const LABELS: Record<string, string> = {
  email: "Email (required)", first_name: "First name", last_name: "Last name", phone: "Phone", country_code: "Country (ISO code)",
  city: "City", birth_date: "Birth date", gender: "Gender", age_band: "Age band", occupation: "Occupation", company: "Company",
  industry: "Industry", job_title: "Job title", locale: "Locale", timezone: "Time zone", tags: "Tags",
  email_consent: "Email consent", email_consent_source: "Consent source", email_consent_date: "Consent date",
}

/** Upload a CSV, map its columns with a preview of the first rows, confirm, and watch the import run. */
const ImportContactsPage = () => {
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<ContactImportPreview | null>(null)
  const [columns, setColumns] = useState<Record<string, string>>({})
  const [consentSource, setConsentSource] = useState("")
  const [consentDate, setConsentDate] = useState("")
  // The import shown is in the address (?import=…): each import has its own page to come back to.
  const [params, setParams] = useSearchParams()
  const importId = params.get("import")
  const setImportId = (id: string | null) => setParams(id ? { import: id } : {})
  const earlier = useContactImports()
  const previewing = usePreviewContactImport()
  const creating = useCreateContactImport()
  const { data } = useContactImport(importId)

  const choose = async (picked: File | null) => {
    setFile(picked)
    setPreview(null)
    setImportId(null)
    if (!picked) return
    try {
      const answer = await previewing.mutateAsync(picked)
      setPreview(answer)
      setColumns(answer.suggested_mapping.columns)
    } catch (e) {
      toast.error((e as Error).message)
    }
  }

  const confirm = async () => {
    if (!file) return
    try {
      const { contact_import } = await creating.mutateAsync({
        file,
        mapping: {
          columns,
          consent_source: consentSource.trim() || null,
          consent_date: consentDate.trim() || null,
        },
      })
      setImportId(contact_import.id)
    } catch (e) {
      toast.error((e as Error).message)
    }
  }

  const run = data?.contact_import
  // The list follows the import shown: queued, then its counts once it ends.
  const refetchEarlier = earlier.refetch
  useEffect(() => {
    if (run?.status) void refetchEarlier()
  }, [run?.id, run?.status, refetchEarlier])
  return (
    <Container className="flex flex-col gap-y-4 p-6" data-testid="marketing-contact-import">
      <Heading level="h1">Import contacts</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        A CSV from a newsletter tool, a CRM or a spreadsheet (UTF-8, the first line naming the columns). Rows land on the contact with
        the same email, or the Medusa customer&apos;s; consent needs the source and date your contacts gave it.
      </Text>
      <input type="file" accept=".csv,text/csv" data-testid="import-file" onChange={(e) => void choose(e.target.files?.[0] ?? null)} />
      {preview && !importId && (
        <>
          <Heading level="h2">Map the columns</Heading>
          <div className="grid grid-cols-2 gap-3">
            {IMPORT_FIELDS.map((field) => (
              <div key={field} className="flex flex-col gap-y-1">
                <Label size="small">{LABELS[field] ?? field}</Label>
                <Select
                  value={columns[field] ?? NONE}
                  onValueChange={(value) =>
                    setColumns((current) => {
                      const next = { ...current }
                      if (value === NONE) delete next[field]
                      else next[field] = value
                      return next
                    })
                  }
                >
                  <Select.Trigger data-testid={`import-map-${field}`}>
                    <Select.Value />
                  </Select.Trigger>
                  <Select.Content>
                    <Select.Item value={NONE}>Not imported</Select.Item>
                    {preview.columns.filter(Boolean).map((column) => (
                      <Select.Item key={column} value={column}>
                        {column}
                      </Select.Item>
                    ))}
                  </Select.Content>
                </Select>
              </div>
            ))}
            <div className="flex flex-col gap-y-1">
              <Label size="small">Where the file&apos;s contacts gave consent</Label>
              <Input value={consentSource} placeholder="Newsletter signup form" onChange={(e) => setConsentSource(e.target.value)} />
            </div>
            <div className="flex flex-col gap-y-1">
              <Label size="small">When (YYYY-MM-DD)</Label>
              <Input value={consentDate} placeholder="2024-01-31" onChange={(e) => setConsentDate(e.target.value)} />
            </div>
          </div>
          <Heading level="h2">First rows</Heading>
          <div className="overflow-x-auto">
            <Table>
              <Table.Header>
                <Table.Row>
                  {preview.columns.map((column, i) => (
                    <Table.HeaderCell key={i}>{column}</Table.HeaderCell>
                  ))}
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {preview.rows.map((row, r) => (
                  <Table.Row key={r}>
                    {preview.columns.map((_, i) => (
                      <Table.Cell key={i}>{row[i] ?? ""}</Table.Cell>
                    ))}
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
          <div>
            <Button onClick={() => void confirm()} isLoading={creating.isPending} disabled={!columns.email} data-testid="import-confirm">
              Import {file?.name}
            </Button>
          </div>
        </>
      )}
      {run && (
        <div className="flex flex-col gap-y-2" data-testid="import-progress">
          <Heading level="h2">
            {run.file_name}: {run.status}
          </Heading>
          <Text size="small">
            {run.rows_processed.toLocaleString()} of {run.rows_read.toLocaleString()} rows: {run.created.toLocaleString()} created,{" "}
            {run.updated.toLocaleString()} updated, {run.merged.toLocaleString()} merged into existing contacts,{" "}
            {run.duplicates.toLocaleString()} duplicates, {run.skipped.toLocaleString()} skipped, {run.consent_refused.toLocaleString()} consents
            refused (suppressed or unsubscribed).
          </Text>
          {run.error && <Text className="text-ui-fg-error">{run.error}</Text>}
          {run.skipped > 0 && (
            <>
              <Table>
                <Table.Header>
                  <Table.Row>
                    <Table.HeaderCell>Line</Table.HeaderCell>
                    <Table.HeaderCell>Column</Table.HeaderCell>
                    <Table.HeaderCell>Reason</Table.HeaderCell>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {(data?.rejected_rows ?? []).map((row) => (
                    <Table.Row key={row.line}>
                      <Table.Cell>{row.line}</Table.Cell>
                      <Table.Cell>{row.column}</Table.Cell>
                      <Table.Cell>{row.message}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
              <div>
                <Button
                  size="small"
                  variant="secondary"
                  data-testid="import-rejected-download"
                  onClick={() =>
                    downloadRejectedRows(run.id, run.file_name).catch((e: Error) => toast.error("Download failed", { description: e.message }))
                  }
                >
                  Download the rejected rows (CSV)
                </Button>
              </div>
            </>
          )}
        </div>
      )}
      {earlier.data?.contact_imports.length ? (
        <div className="flex flex-col gap-y-2" data-testid="import-history">
          <Heading level="h2">Imports</Heading>
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>File</Table.HeaderCell>
                <Table.HeaderCell>Started</Table.HeaderCell>
                <Table.HeaderCell>Status</Table.HeaderCell>
                <Table.HeaderCell>Rows</Table.HeaderCell>
                <Table.HeaderCell>Created</Table.HeaderCell>
                <Table.HeaderCell>Skipped</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {earlier.data.contact_imports.map((i) => (
                <Table.Row key={i.id} className="cursor-pointer" onClick={() => setImportId(i.id)} data-testid={`import-${i.id}`}>
                  <Table.Cell>{i.file_name}</Table.Cell>
                  <Table.Cell>{new Date(i.created_at).toLocaleString()}</Table.Cell>
                  <Table.Cell>{i.status}</Table.Cell>
                  <Table.Cell>{i.rows_read.toLocaleString()}</Table.Cell>
                  <Table.Cell>{i.created.toLocaleString()}</Table.Cell>
                  <Table.Cell>{i.skipped.toLocaleString()}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      ) : null}
    </Container>
  )
}

export default ImportContactsPage
