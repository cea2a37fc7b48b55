import { Trash } from "@medusajs/icons"
import { Button, Checkbox, Container, Heading, IconButton, Input, Label, Switch, Text, Textarea } from "@medusajs/ui"
import { useId, type ReactNode } from "react"
import { FormField } from "../../../../components/form-field"
import { SelectInput } from "../../../../components/select-input"
import { useSegments } from "../../../../hooks/api/segments"
import {
  HIDDEN_FIELDS,
  KIND_LABELS,
  linesToList,
  POSITION_LABELS,
  POSITIONS,
  STANDARD_FIELDS,
  withAbTest,
  withKind,
  withSplit,
  type FormBody,
  type FormDevice,
  type FormDiscount,
  type FormKind,
  type FormVariant,
} from "../../../../lib/forms"

export type SectionProps = {
  draft: FormBody
  onChange: (next: FormBody) => void
  errorOf: (field: string) => string | undefined
}

const Section = ({ title, description, children, testId }: { title: string; description?: string; children: ReactNode; testId: string }) => (
  <Container className="flex flex-col gap-y-4 px-6 py-4" data-testid={testId}>
    <div className="flex flex-col">
      <Heading level="h2">{title}</Heading>
      {description ? <Text size="small" className="text-ui-fg-subtle">{description}</Text> : null}
    </div>
    {children}
  </Container>
)

const CheckRow = ({ id, label, checked, onChange, testId }: { id: string; label: string; checked: boolean; onChange: (v: boolean) => void; testId?: string }) => (
  <div className="flex items-center gap-x-2">
    <Checkbox id={id} checked={checked} onCheckedChange={(v) => onChange(v === true)} data-testid={testId} />
    <Label htmlFor={id} size="small">{label}</Label>
  </div>
)

const numberOrNull = (value: string) => (value.trim() === "" ? null : Math.max(0, Number(value)))

export const BasicsSection = ({ draft, onChange, errorOf }: SectionProps) => {
  const id = useId()
  return (
    <Section title="Form" testId="form-basics">
      <FormField id={`${id}-name`} label="Name" error={errorOf("name")} hint="Only you see it, in the list and the reports.">
        <Input id={`${id}-name`} value={draft.name} placeholder="Newsletter pop-up" aria-invalid={!!errorOf("name")}
          onChange={(e) => onChange({ ...draft, name: e.target.value })} data-testid="form-name" />
      </FormField>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <FormField id={`${id}-status`} label="Status">
          <SelectInput id={`${id}-status`} value={draft.status} testId="form-status-select"
            options={[{ value: "draft", label: "Draft" }, { value: "active", label: "Active" }, { value: "paused", label: "Paused" }]}
            onChange={(status) => onChange({ ...draft, status: status as FormBody["status"] })} />
        </FormField>
        <FormField id={`${id}-kind`} label="Kind">
          <SelectInput id={`${id}-kind`} value={draft.kind} testId="form-kind"
            options={(Object.keys(KIND_LABELS) as FormKind[]).map((k) => ({ value: k, label: KIND_LABELS[k] }))}
            onChange={(kind) => onChange(withKind(draft, kind as FormKind))} />
        </FormField>
        <FormField id={`${id}-position`} label="Position">
          <SelectInput id={`${id}-position`} value={draft.position} testId="form-position" disabled={POSITIONS[draft.kind].length < 2}
            options={POSITIONS[draft.kind].map((p) => ({ value: p, label: POSITION_LABELS[p] }))}
            onChange={(position) => onChange({ ...draft, position: position as FormBody["position"] })} />
        </FormField>
      </div>
      {draft.kind === "embedded" ? (
        <Text size="small" className="text-ui-fg-subtle" data-testid="form-embed-hint">
          Put an element with <code>data-marketing-form=&quot;{"<this form's id>"}&quot;</code> and a fixed height where the form goes; the
          tracker fills it.
        </Text>
      ) : null}
    </Section>
  )
}

export const FieldsSection = ({ draft, onChange, errorOf }: SectionProps) => {
  const id = useId()
  const setField = (i: number, patch: Partial<FormBody["fields"][number]>) =>
    onChange({ ...draft, fields: draft.fields.map((f, j) => (j === i ? { ...f, ...patch } : f)) })
  const unused = STANDARD_FIELDS.filter((s) => !draft.fields.some((f) => f.name === s.name))
  return (
    <Section title="Fields" description="Email is always asked. Custom fields land in the contact's metadata." testId="form-fields">
      {errorOf("fields") ? <Text size="small" className="text-ui-fg-error">{errorOf("fields")}</Text> : null}
      {draft.fields.map((f, i) => (
        <div key={i} className="grid grid-cols-[1fr_1fr_1fr_auto_auto] items-end gap-2" data-testid={`form-field-${f.name}`}>
          <FormField id={`${id}-${i}-name`} label="Field" error={errorOf(`fields[${i}].name`)}>
            <Input id={`${id}-${i}-name`} size="small" value={f.name} disabled={!f.name.startsWith("custom.")}
              onChange={(e) => setField(i, { name: e.target.value })} />
          </FormField>
          <FormField id={`${id}-${i}-label`} label="Label">
            <Input id={`${id}-${i}-label`} size="small" value={f.label} onChange={(e) => setField(i, { label: e.target.value })} />
          </FormField>
          <FormField id={`${id}-${i}-ph`} label="Placeholder" optional>
            <Input id={`${id}-${i}-ph`} size="small" value={f.placeholder ?? ""} onChange={(e) => setField(i, { placeholder: e.target.value || null })} />
          </FormField>
          <div className="pb-2">
            <CheckRow id={`${id}-${i}-req`} label="Required" checked={f.required || f.name === "email"}
              onChange={(required) => f.name !== "email" && setField(i, { required })} />
          </div>
          <IconButton size="small" type="button" variant="transparent" aria-label={`Remove ${f.label}`} disabled={f.name === "email"}
            onClick={() => onChange({ ...draft, fields: draft.fields.filter((_, j) => j !== i) })}>
            <Trash />
          </IconButton>
        </div>
      ))}
      <div className="flex flex-wrap gap-2">
        {unused.map((s) => (
          <Button key={s.name} size="small" type="button" variant="secondary" data-testid={`form-add-${s.name}`}
            onClick={() => onChange({ ...draft, fields: [...draft.fields, { name: s.name, label: s.label, required: false }] })}>
            Add {s.label.toLowerCase()}
          </Button>
        ))}
        <Button size="small" type="button" variant="secondary" data-testid="form-add-custom"
          onClick={() => onChange({ ...draft, fields: [...draft.fields, { name: `custom.field_${draft.fields.length}`, label: "Custom field", required: false }] })}>
          Add custom field
        </Button>
      </div>
    </Section>
  )
}

export const ConsentSection = ({ draft, onChange, errorOf }: SectionProps) => {
  const id = useId()
  const c = draft.consent
  return (
    <Section title="Consent" description="The text is stored with each submission as proof of consent." testId="form-consent">
      <div className="flex items-center gap-x-2">
        <Switch id={`${id}-req`} checked={c.required} onCheckedChange={(required) => onChange({ ...draft, consent: { ...c, required } })} data-testid="form-consent-required" />
        <Label htmlFor={`${id}-req`} size="small">Consent is required to submit (nothing is stored without it)</Label>
      </div>
      <FormField id={`${id}-text`} label="Consent text" error={errorOf("consent.text")}>
        <Textarea id={`${id}-text`} rows={2} value={c.text} onChange={(e) => onChange({ ...draft, consent: { ...c, text: e.target.value } })} data-testid="form-consent-text" />
      </FormField>
      <FormField id={`${id}-topics`} label="Topics" optional hint="Email topic ids, comma separated: one checkbox each. None: one checkbox with the text.">
        <Input id={`${id}-topics`} value={c.topics.join(", ")}
          onChange={(e) => onChange({ ...draft, consent: { ...c, topics: e.target.value.split(",").map((t) => t.trim()).filter(Boolean) } })} />
      </FormField>
      <div className="flex flex-col gap-y-2">
        <Label size="small" weight="plus">Hidden fields</Label>
        <div className="grid grid-cols-2 gap-2 md:grid-cols-3">
          {HIDDEN_FIELDS.map((h) => (
            <CheckRow key={h} id={`${id}-h-${h}`} label={h} checked={draft.hidden_fields.includes(h)}
              onChange={(on) => onChange({ ...draft, hidden_fields: on ? [...draft.hidden_fields, h] : draft.hidden_fields.filter((x) => x !== h) })} />
          ))}
        </div>
      </div>
    </Section>
  )
}

const VariantFields = ({ variant, index, onChange, errorOf }: { variant: FormVariant; index: number; onChange: (v: FormVariant) => void; errorOf: SectionProps["errorOf"] }) => {
  const id = useId()
  const p = `variants[${index}]`
  const content = (patch: Partial<FormVariant["content"]>) => onChange({ ...variant, content: { ...variant.content, ...patch } })
  const brand = (patch: Partial<FormVariant["branding"]>) => onChange({ ...variant, branding: { ...variant.branding, ...patch } })
  const text = (key: "title" | "button" | "success_message", label: string) => (
    <FormField id={`${id}-${key}`} label={label} error={errorOf(`${p}.content.${key}`)}>
      <Input id={`${id}-${key}`} value={variant.content[key]} onChange={(e) => content({ [key]: e.target.value })} data-testid={`form-${variant.id}-${key}`} />
    </FormField>
  )
  const color = (key: "background" | "text_color" | "accent_color", label: string) => (
    <FormField id={`${id}-${key}`} label={label} error={errorOf(`${p}.branding.${key}`)}>
      <div className="flex items-center gap-x-2">
        <input type="color" aria-label={`${label} picker`} value={/^#[0-9a-f]{6}$/i.test(variant.branding[key]) ? variant.branding[key] : "#000000"}
          onChange={(e) => brand({ [key]: e.target.value })} className="h-8 w-8 rounded border" />
        <Input id={`${id}-${key}`} size="small" value={variant.branding[key]} onChange={(e) => brand({ [key]: e.target.value })} />
      </div>
    </FormField>
  )
  return (
    <div className="flex flex-col gap-y-4" data-testid={`form-variant-${variant.id}`}>
      {text("title", "Title")}
      <FormField id={`${id}-text`} label="Text" optional>
        <Textarea id={`${id}-text`} rows={2} value={variant.content.text} onChange={(e) => content({ text: e.target.value })} />
      </FormField>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {text("button", "Button")}
        {text("success_message", "Success message")}
      </div>
      <FormField id={`${id}-redirect`} label="Redirect after submitting" optional hint="Instead of the success message." error={errorOf(`${p}.content.redirect_url`)}>
        <Input id={`${id}-redirect`} value={variant.content.redirect_url ?? ""} placeholder="https://shop.com/welcome"
          onChange={(e) => content({ redirect_url: e.target.value || null })} />
      </FormField>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        {color("background", "Background")}
        {color("text_color", "Text color")}
        {color("accent_color", "Button color")}
      </div>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <FormField id={`${id}-font`} label="Font" optional hint="A CSS font family; the system font when empty.">
          <Input id={`${id}-font`} size="small" value={variant.branding.font_family} onChange={(e) => brand({ font_family: e.target.value })} />
        </FormField>
        <FormField id={`${id}-radius`} label="Corner radius (px)">
          <Input id={`${id}-radius`} size="small" type="number" min={0} max={40} value={variant.branding.border_radius}
            onChange={(e) => brand({ border_radius: Math.max(0, Number(e.target.value) || 0) })} />
        </FormField>
      </div>
    </div>
  )
}

export const ContentSection = ({ draft, onChange, errorOf }: SectionProps) => {
  const id = useId()
  const ab = draft.variants.length > 1
  const setVariant = (i: number, v: FormVariant) => onChange({ ...draft, variants: draft.variants.map((x, j) => (j === i ? v : x)) })
  return (
    <Section title="Content and branding" description="Two designs of one form make an A/B test; each visitor keeps the one they got." testId="form-content">
      <div className="flex flex-wrap items-center gap-4">
        <div className="flex items-center gap-x-2">
          <Switch id={`${id}-ab`} checked={ab} onCheckedChange={(on) => onChange(withAbTest(draft, on))} data-testid="form-ab" />
          <Label htmlFor={`${id}-ab`} size="small">A/B test</Label>
        </div>
        {ab ? (
          <div className="flex items-center gap-x-2">
            <Label htmlFor={`${id}-split`} size="small">Visitors seeing A (%)</Label>
            <Input id={`${id}-split`} size="small" type="number" min={0} max={100} className="w-20" value={draft.variants[0].weight}
              onChange={(e) => onChange(withSplit(draft, Number(e.target.value)))} data-testid="form-split" />
          </div>
        ) : null}
      </div>
      {errorOf("variants") ? <Text size="small" className="text-ui-fg-error">{errorOf("variants")}</Text> : null}
      {draft.variants.map((v, i) => (
        <div key={v.id} className="flex flex-col gap-y-2">
          {ab ? <Heading level="h3">Variant {v.id.toUpperCase()}</Heading> : null}
          <VariantFields variant={v} index={i} onChange={(next) => setVariant(i, next)} errorOf={errorOf} />
        </div>
      ))}
    </Section>
  )
}

const DEVICES: FormDevice[] = ["desktop", "mobile", "tablet"]

export const TargetingSection = ({ draft, onChange, errorOf }: SectionProps) => {
  const id = useId()
  const t = draft.targeting
  const set = (patch: Partial<FormBody["targeting"]>) => onChange({ ...draft, targeting: { ...t, ...patch } })
  const { segments } = useSegments({ limit: 100 } as never)
  const toggle = (list: string[], value: string, on: boolean) => (on ? [...list, value] : list.filter((x) => x !== value))
  return (
    <Section title="Who sees it" description="Contacts already subscribed never see a signup form." testId="form-targeting">
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <FormField id={`${id}-inc`} label="Only on pages" optional hint="One path per line; * matches anything. Empty: every page." error={errorOf("targeting.include_pages")}>
          <Textarea id={`${id}-inc`} rows={3} value={t.include_pages.join("\n")} placeholder="/products/*"
            onChange={(e) => set({ include_pages: linesToList(e.target.value) })} data-testid="form-include-pages" />
        </FormField>
        <FormField id={`${id}-exc`} label="Never on pages" optional error={errorOf("targeting.exclude_pages")}>
          <Textarea id={`${id}-exc`} rows={3} value={t.exclude_pages.join("\n")} placeholder="/checkout*"
            onChange={(e) => set({ exclude_pages: linesToList(e.target.value) })} data-testid="form-exclude-pages" />
        </FormField>
      </div>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <FormField id={`${id}-vis`} label="Visitors">
          <SelectInput id={`${id}-vis`} value={t.visitors} testId="form-visitors"
            options={[{ value: "all", label: "Everyone" }, { value: "new", label: "New visitors" }, { value: "returning", label: "Returning visitors" }]}
            onChange={(visitors) => set({ visitors: visitors as FormBody["targeting"]["visitors"] })} />
        </FormField>
        <FormField id={`${id}-countries`} label="Countries" optional hint="ISO codes, comma separated (de, fr). Empty: everywhere." error={errorOf("targeting.countries")}>
          <Input id={`${id}-countries`} value={t.countries.join(", ")}
            onChange={(e) => set({ countries: e.target.value.split(",").map((c) => c.trim().toLowerCase()).filter(Boolean) })} />
        </FormField>
      </div>
      <div className="flex flex-col gap-y-2">
        <Label size="small" weight="plus">Devices (none ticked: all)</Label>
        <div className="flex gap-4">
          {DEVICES.map((d) => (
            <CheckRow key={d} id={`${id}-d-${d}`} label={d[0].toUpperCase() + d.slice(1)} checked={t.devices.includes(d)}
              onChange={(on) => set({ devices: toggle(t.devices, d, on) as FormDevice[] })} />
          ))}
        </div>
      </div>
      {segments?.length ? (
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          {(["segment_ids", "exclude_segment_ids"] as const).map((key) => (
            <div key={key} className="flex flex-col gap-y-2">
              <Label size="small" weight="plus">{key === "segment_ids" ? "Only contacts in (none: anyone)" : "Never contacts in"}</Label>
              {segments.map((s) => (
                <CheckRow key={s.id} id={`${id}-${key}-${s.id}`} label={s.name} checked={t[key].includes(s.id)}
                  onChange={(on) => set({ [key]: toggle(t[key], s.id, on) })} />
              ))}
            </div>
          ))}
        </div>
      ) : null}
    </Section>
  )
}

export const TriggersSection = ({ draft, onChange, errorOf }: SectionProps) => {
  const id = useId()
  const tr = draft.triggers
  const set = (patch: Partial<FormBody["triggers"]>) => onChange({ ...draft, triggers: { ...tr, ...patch } })
  const num = (key: "delay_seconds" | "scroll_percent" | "page_count", label: string, hint: string) => (
    <FormField id={`${id}-${key}`} label={label} optional hint={hint} error={errorOf(`triggers.${key}`)}>
      <Input id={`${id}-${key}`} type="number" min={0} value={tr[key] ?? ""} onChange={(e) => set({ [key]: numberOrNull(e.target.value) })} data-testid={`form-${key}`} />
    </FormField>
  )
  return (
    <Section title="When it shows" description="Every trigger set must have fired; none set: at once. Embedded forms show where they are placed." testId="form-triggers">
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        {num("delay_seconds", "After seconds", "On the page.")}
        {num("scroll_percent", "After scrolling (%)", "Of the page's height.")}
        {num("page_count", "From page", "Pages seen in the visit.")}
      </div>
      <div className="flex items-center gap-x-2">
        <Switch id={`${id}-exit`} checked={tr.exit_intent} onCheckedChange={(exit_intent) => set({ exit_intent })} data-testid="form-exit-intent" />
        <Label htmlFor={`${id}-exit`} size="small">When the pointer leaves the page (exit intent; desktop only)</Label>
      </div>
      <FormField id={`${id}-freq`} label="After a close, not again for (days)" hint="Never again after a submission." error={errorOf("frequency.days_after_close")}>
        <Input id={`${id}-freq`} type="number" min={0} className="max-w-[160px]" value={draft.frequency.days_after_close}
          onChange={(e) => onChange({ ...draft, frequency: { days_after_close: Math.max(0, Number(e.target.value) || 0) } })} data-testid="form-days-after-close" />
      </FormField>
    </Section>
  )
}

type Discount = FormDiscount

export const IncentiveSection = ({ draft, onChange, errorOf }: SectionProps) => {
  const id = useId()
  const inc = draft.incentive
  const set = (discount: Partial<Discount>, delivery?: "show" | "email") =>
    onChange({
      ...draft,
      incentive: { discount: { ...(inc?.discount ?? { kind: "percentage", value: 10, expires_in_days: 30 }), ...discount }, delivery: delivery ?? inc?.delivery ?? "show" },
    })
  return (
    <Section title="Incentive" description="A discount code made for each signup by the flows' discount step." testId="form-incentive">
      <div className="flex items-center gap-x-2">
        <Switch id={`${id}-on`} checked={!!inc} onCheckedChange={(on) => (on ? set({}) : onChange({ ...draft, incentive: null }))} data-testid="form-incentive-on" />
        <Label htmlFor={`${id}-on`} size="small">Give a discount code for signing up</Label>
      </div>
      {inc ? (
        <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
          <FormField id={`${id}-kind`} label="Discount">
            <SelectInput id={`${id}-kind`} value={inc.discount.kind}
              options={[{ value: "percentage", label: "Percentage" }, { value: "fixed", label: "Fixed amount" }]}
              onChange={(kind) => set({ kind: kind as Discount["kind"] })} />
          </FormField>
          <FormField id={`${id}-value`} label={inc.discount.kind === "percentage" ? "Percent off" : "Amount off"} error={errorOf("incentive.discount.value")}>
            <Input id={`${id}-value`} type="number" min={1} value={inc.discount.value} onChange={(e) => set({ value: Number(e.target.value) || 0 })} />
          </FormField>
          {inc.discount.kind === "fixed" ? (
            <FormField id={`${id}-cur`} label="Currency" error={errorOf("incentive.discount.currency_code")}>
              <Input id={`${id}-cur`} value={inc.discount.currency_code ?? ""} placeholder="eur" onChange={(e) => set({ currency_code: e.target.value.toLowerCase() || undefined })} />
            </FormField>
          ) : null}
          <FormField id={`${id}-exp`} label="Valid for (days)" error={errorOf("incentive.discount.expires_in_days")}>
            <Input id={`${id}-exp`} type="number" min={1} value={inc.discount.expires_in_days} onChange={(e) => set({ expires_in_days: Number(e.target.value) || 1 })} />
          </FormField>
          <FormField id={`${id}-del`} label="Delivery">
            <SelectInput id={`${id}-del`} value={inc.delivery}
              options={[{ value: "show", label: "Shown in the form" }, { value: "email", label: "Emailed after confirmation" }]}
              onChange={(delivery) => set({}, delivery as "show" | "email")} />
          </FormField>
        </div>
      ) : null}
    </Section>
  )
}
