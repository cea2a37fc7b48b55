import { Plus, Trash } from "@medusajs/icons"
import { Button, Container, IconButton, Input, Skeleton, Text, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { FormField } from "../../../../components/form-field"
import { SectionHeader } from "../../../../components/section-header"
import { SelectInput } from "../../../../components/select-input"
import { BlockHeading } from "../../../../components/titled-block"
import {
  type ChannelMapping,
  type ReportSettings,
  useReportSettings,
  useUpdateReportSettings,
} from "../../../../hooks/api/reports-settings"
import { CHANNEL_OPTIONS, MAPPING_FIELD_OPTIONS } from "../../../../lib/channels"

type FormState = {
  click_window_days: string
  open_window_days: string
  cost_per_email: string
  currency_code: string
  channel_mappings: ChannelMapping[]
}

const toForm = (s: ReportSettings): FormState => ({
  click_window_days: String(s.click_window_days),
  open_window_days: String(s.open_window_days),
  cost_per_email: String(s.cost_per_email),
  currency_code: s.currency_code.toUpperCase(),
  channel_mappings: s.channel_mappings ?? [],
})

const NUMBERS = [
  { key: "click_window_days", label: "Click window (days)", hint: "An order goes to the last email clicked within this time" },
  { key: "open_window_days", label: "Open window (days)", hint: "…else to the last one opened within this time" },
  { key: "cost_per_email", label: "Cost per email", hint: "What your provider charges per email sent, in the currency below" },
] as const

/** The report settings form: attribution windows, email cost and currency, the owner's channel mappings. */
export const ReportSettingsSection = () => {
  const { report_settings: settings, isPending, isError } = useReportSettings()
  const [form, setForm] = useState<FormState | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (settings) setForm(toForm(settings))
  }, [settings])
  const update = useUpdateReportSettings()

  const save = () => {
    if (!form) return
    setError(null)
    update.mutate(
      {
        click_window_days: Number(form.click_window_days),
        open_window_days: Number(form.open_window_days),
        cost_per_email: Number(form.cost_per_email),
        currency_code: form.currency_code.trim(),
        channel_mappings: form.channel_mappings.map((m) => ({ ...m, value: m.value.trim() })),
      },
      {
        onSuccess: (data) =>
          toast.success(
            data.reclassified ? `Settings saved; ${data.reclassified} contacts re-classified` : "Settings saved"
          ),
        onError: (e) => setError(e.message),
      }
    )
  }
  const setMapping = (index: number, patch: Partial<ChannelMapping>) =>
    setForm((f) => f && { ...f, channel_mappings: f.channel_mappings.map((m, i) => (i === index ? { ...m, ...patch } : m)) })

  return (
    <Container className="divide-y p-0" data-testid="report-settings">
      <SectionHeader
        title="Attribution and costs"
        description="How orders are credited to emails, what an email costs, and your own channel rules."
        actions={
          <Button size="small" onClick={save} isLoading={update.isPending} disabled={!form} data-testid="report-settings-save">
            Save
          </Button>
        }
      />
      {isError ? (
        <Text className="px-6 py-4 text-ui-fg-error">The settings could not be loaded.</Text>
      ) : isPending || !form ? (
        <div className="px-6 py-4">
          <Skeleton className="h-24 w-full" />
        </div>
      ) : (
        <div className="flex flex-col gap-y-6 px-6 py-4">
          <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
            {NUMBERS.map((n) => (
              <FormField key={n.key} id={`report-${n.key}`} label={n.label} hint={n.hint}>
                <Input
                  id={`report-${n.key}`}
                  type="number"
                  min={0}
                  step="any"
                  value={form[n.key]}
                  onChange={(e) => setForm({ ...form, [n.key]: e.target.value })}
                  data-testid={`report-${n.key}`}
                />
              </FormField>
            ))}
            <FormField id="report-currency" label="Currency" hint="ISO code of email and fixed flow costs, e.g. EUR">
              <Input
                id="report-currency"
                maxLength={3}
                value={form.currency_code}
                onChange={(e) => setForm({ ...form, currency_code: e.target.value.toUpperCase() })}
                data-testid="report-currency"
              />
            </FormField>
          </div>
          <div className="flex flex-col gap-y-3">
            <BlockHeading
              title="Channel mappings"
              description="Checked before the built-in rules: when the field equals the value (any case; a referrer domain also matches its subdomains), the visit is that channel. Saving re-classifies existing contacts."
            />
            <div className="flex flex-col gap-y-2" data-testid="channel-mappings">
              {form.channel_mappings.map((mapping, index) => (
                <div key={index} className="flex items-center gap-x-2" data-testid="channel-mapping">
                  <div className="flex-1">
                  <SelectInput
                    label="Field"
                    value={mapping.field}
                    options={MAPPING_FIELD_OPTIONS}
                    onChange={(field) => setMapping(index, { field: field as ChannelMapping["field"] })}
                    size="small"
                  />
                  </div>
                  <div className="flex-1">
                  <Input
                    size="small"
                    aria-label="Value"
                    placeholder={mapping.field === "referrer_domain" ? "partner.com" : "spring-promo"}
                    value={mapping.value}
                    onChange={(e) => setMapping(index, { value: e.target.value })}
                    data-testid="channel-mapping-value"
                  />
                  </div>
                  <div className="flex-1">
                  <SelectInput
                    label="Channel"
                    value={mapping.channel}
                    options={CHANNEL_OPTIONS}
                    onChange={(channel) => setMapping(index, { channel })}
                    size="small"
                  />
                  </div>
                  <IconButton
                    size="small"
                    variant="transparent"
                    aria-label="Remove mapping"
                    onClick={() => setForm({ ...form, channel_mappings: form.channel_mappings.filter((_, i) => i !== index) })}
                  >
                    <Trash />
                  </IconButton>
                </div>
              ))}
              <div>
                <Button
                  size="small"
                  variant="secondary"
                  onClick={() =>
                    setForm({
                      ...form,
                      channel_mappings: [...form.channel_mappings, { field: "utm_source", value: "", channel: "paid_social" }],
                    })
                  }
                  data-testid="channel-mapping-add"
                >
                  <Plus />
                  Add mapping
                </Button>
              </div>
            </div>
          </div>
          {error ? (
            <Text size="small" className="text-ui-fg-error" data-testid="report-settings-error">
              {error}
            </Text>
          ) : null}
        </div>
      )}
    </Container>
  )
}
