import { Input, Text, Textarea, toast } from "@medusajs/ui"
import { useState } from "react"
import { FormField } from "../../../../components/form-field"
import { SelectInput } from "../../../../components/select-input"
import { SideDrawer } from "../../../../components/side-drawer"
import {
  type ChannelSpend,
  type ChannelSpendBody,
  useCreateChannelSpend,
  useUpdateChannelSpend,
} from "../../../../hooks/api/reports-settings"
import { CHANNEL_OPTIONS } from "../../../../lib/channels"

const thisMonth = () => new Date().toISOString().slice(0, 7)

/** Adds or edits one month's spend on a channel. */
export const ChannelSpendDrawer = ({ spend, onClose }: { spend?: ChannelSpend; onClose: () => void }) => {
  const [form, setForm] = useState({
    month: spend?.month ?? thisMonth(),
    channel: spend?.channel ?? "paid_search",
    amount: spend ? String(spend.amount) : "",
    currency_code: (spend?.currency_code ?? "eur").toUpperCase(),
    utm_source: spend?.utm_source ?? "",
    utm_campaign: spend?.utm_campaign ?? "",
    note: spend?.note ?? "",
  })
  const [error, setError] = useState<string | null>(null)
  const create = useCreateChannelSpend()
  const update = useUpdateChannelSpend()
  const busy = create.isPending || update.isPending

  const submit = () => {
    setError(null)
    const body: ChannelSpendBody = {
      month: form.month,
      channel: form.channel,
      amount: form.amount === "" ? NaN : Number(form.amount),
      currency_code: form.currency_code.trim(),
      utm_source: form.utm_source.trim() || null,
      utm_campaign: form.utm_campaign.trim() || null,
      note: form.note.trim() || null,
    }
    const callbacks = {
      onSuccess: () => {
        toast.success(spend ? "Spend saved" : "Spend added")
        onClose()
      },
      onError: (e: Error) => setError(e.message),
    }
    if (spend) update.mutate({ id: spend.id, body }, callbacks)
    else create.mutate(body, callbacks)
  }

  return (
    <SideDrawer
      title={spend ? "Edit spend" : "Add spend"}
      description="What one channel (optionally one UTM source or campaign of it) cost in one month."
      testId="channel-spend-drawer"
      onClose={onClose}
      isBusy={busy}
      submit={{ label: "Save", testId: "channel-spend-save", onSubmit: submit }}
    >
      <FormField id="spend-month" label="Month" hint="YYYY-MM">
        <Input id="spend-month" type="month" value={form.month} onChange={(e) => setForm({ ...form, month: e.target.value })} data-testid="spend-month" />
      </FormField>
      <FormField id="spend-channel" label="Channel">
        <SelectInput id="spend-channel" value={form.channel} options={CHANNEL_OPTIONS} onChange={(channel) => setForm({ ...form, channel })} testId="spend-channel" />
      </FormField>
      <div className="grid grid-cols-2 gap-4">
        <FormField id="spend-amount" label="Amount">
          <Input id="spend-amount" type="number" min={0} step="any" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.target.value })} data-testid="spend-amount" />
        </FormField>
        <FormField id="spend-currency" label="Currency">
          <Input id="spend-currency" maxLength={3} value={form.currency_code} onChange={(e) => setForm({ ...form, currency_code: e.target.value.toUpperCase() })} data-testid="spend-currency" />
        </FormField>
      </div>
      <div className="grid grid-cols-2 gap-4">
        <FormField id="spend-utm-source" label="UTM source" optional>
          <Input id="spend-utm-source" value={form.utm_source} onChange={(e) => setForm({ ...form, utm_source: e.target.value })} />
        </FormField>
        <FormField id="spend-utm-campaign" label="UTM campaign" optional>
          <Input id="spend-utm-campaign" value={form.utm_campaign} onChange={(e) => setForm({ ...form, utm_campaign: e.target.value })} />
        </FormField>
      </div>
      <FormField id="spend-note" label="Note" optional>
        <Textarea id="spend-note" value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
      </FormField>
      {error ? (
        <Text size="small" className="text-ui-fg-error" data-testid="channel-spend-error">
          {error}
        </Text>
      ) : null}
    </SideDrawer>
  )
}
