import {
  Button,
  Container,
  Input,
  Skeleton,
  Switch,
  Text,
  toast,
} from "@medusajs/ui"
import { type ReactNode, useId, useMemo, useState } from "react"
import { RelativeTime } from "../../../../components/relative-time"
import { SectionHeader } from "../../../../components/section-header"
import {
  useScoringSettings,
  useUpdateScoringSettings,
} from "../../../../hooks/api/scoring"
import type {
  ScoringSettings,
  UpdateScoringSettingsBody,
} from "../../../../lib/types"
import { FormField } from "../../../../components/form-field"
import { TitledBlock } from "../../../../components/titled-block"
import { MIN_REPEAT_CUSTOMERS, MIN_RFM_CUSTOMERS } from "../../../../../modules/marketing/scoring/rfm"
import {
  RECENCY_FLOOR_DAYS,
  isTimeZone,
} from "../../../../../modules/marketing/scoring/settings"

type NumberKey = Exclude<
  keyof ScoringSettings,
  | "sales_notification_email"
  | "sales_notification_feed"
  | "rfm_computed_at"
  | "time_zone"
  | "rfm_cut_points_stored"
  | "order_gap_days"
  | "effective_recency_floor_days"
>

type NumberSpec = {
  key: NumberKey
  label: string
  hint: string
  /** Whole numbers only. */
  integer: boolean
  min: number
}

const THRESHOLDS: NumberSpec[] = [
  {
    key: "lead_threshold",
    label: "Lead",
    hint: "Acquisition score from which a subscriber is a lead",
    integer: true,
    min: 0,
  },
  {
    key: "marketing_qualified_threshold",
    label: "Marketing qualified",
    hint: "Acquisition score of a marketing-qualified lead",
    integer: true,
    min: 0,
  },
  {
    key: "sales_ready_threshold",
    label: "Sales ready",
    hint: "Acquisition score at which the sales team is told",
    integer: true,
    min: 0,
  },
]

const OTHER_NUMBERS: NumberSpec[] = [
  {
    key: "half_life_days",
    label: "Half-life (days)",
    hint: "Engagement points lose half their value in this time",
    integer: false,
    min: 0.1,
  },
  {
    key: "repeat_customer_orders",
    label: "Repeat customer orders",
    hint: "Orders that make a customer a repeat customer",
    integer: true,
    min: 2,
  },
  {
    key: "vip_loyalty_score",
    label: "VIP loyalty score",
    hint: "Loyalty score from which a customer is a VIP",
    integer: true,
    min: 1,
  },
  {
    key: "inactivity_days",
    label: "Inactivity (days)",
    hint: "Days without activity before a customer is at risk",
    integer: true,
    min: 1,
  },
]

const RFM_NUMBERS: NumberSpec[] = [
  {
    key: "recency_floor_days",
    label: "Recency floor (days)",
    hint: "A customer who ordered more recently is never at risk or lost",
    integer: true,
    min: RECENCY_FLOOR_DAYS.min,
  },
]

const NUMBERS = [...THRESHOLDS, ...OTHER_NUMBERS, ...RFM_NUMBERS]

/** The groups of the form that hold number fields only. */
const NUMBER_GROUPS: { title: string; description: string; columns: 2 | 3; fields: NumberSpec[] }[] = [
  {
    title: "Stage thresholds",
    description: "Acquisition scores that move a contact to the next stage. Each must be higher than the one before.",
    columns: 3,
    fields: THRESHOLDS,
  },
  {
    title: "Decay and customers",
    description: "How fast engagement fades, and when customers become repeat customers, VIPs or at risk.",
    columns: 2,
    fields: OTHER_NUMBERS,
  },
]

/** IANA zone names the browser knows, offered as suggestions. */
const TIME_ZONES: string[] =
  (Intl as unknown as { supportedValuesOf?: (key: string) => string[] })
    .supportedValuesOf?.("timeZone") ?? []

type FormState = Record<NumberKey, string> & {
  sales_notification_email: string
  sales_notification_feed: boolean
  time_zone: string
}

const days = (value: number) =>
  `${Number.isInteger(value) ? value : value.toFixed(1)} day${value === 1 ? "" : "s"}`

/** What the stored cut points say: whether RFM applies yet, and which floor recency bands respect. */
const RfmStatusText = ({ settings }: { settings: ScoringSettings }) => {
  const lines: string[] = []
  if (!settings.rfm_cut_points_stored) {
    lines.push(
      `RFM groups start when ${MIN_RFM_CUSTOMERS} customers have ordered; the store has fewer so far.`
    )
  }
  if (settings.order_gap_days == null) {
    lines.push(
      `Too little history to judge the store's rhythm: fewer than ${MIN_REPEAT_CUSTOMERS} customers have ordered twice, so the floor is the ${days(settings.recency_floor_days)} set here.`
    )
  } else {
    lines.push(
      `Customers order again every ${days(settings.order_gap_days)} (median), so the floor in effect is ${days(settings.effective_recency_floor_days)}.`
    )
  }
  return (
    <div className="flex flex-col gap-y-1" data-testid="scoring-rfm-status">
      {lines.map((line) => (
        <Text key={line} size="small" leading="compact" className="text-ui-fg-subtle">
          {line}
        </Text>
      ))}
      {settings.rfm_computed_at ? (
        <Text size="small" leading="compact" className="text-ui-fg-muted">
          {settings.rfm_cut_points_stored
            ? "RFM cut points last computed "
            : "Customers last counted for RFM "}
          <RelativeTime date={settings.rfm_computed_at} />
        </Text>
      ) : null}
    </div>
  )
}

const toForm = (settings: ScoringSettings): FormState => ({
  ...(Object.fromEntries(
    NUMBERS.map(({ key }) => [key, String(settings[key] ?? "")])
  ) as Record<NumberKey, string>),
  sales_notification_email: settings.sales_notification_email ?? "",
  sales_notification_feed: settings.sales_notification_feed,
  time_zone: settings.time_zone,
})

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const validate = (form: FormState) => {
  const errors: Partial<Record<keyof FormState, string>> = {}
  const values: Partial<Record<NumberKey, number>> = {}

  for (const spec of NUMBERS) {
    const text = form[spec.key].trim()
    const value = Number(text)
    if (!text || !Number.isFinite(value)) {
      errors[spec.key] = "Enter a number"
    } else if (spec.integer && !Number.isInteger(value)) {
      errors[spec.key] = "Enter a whole number"
    } else if (value < spec.min) {
      errors[spec.key] = `Must be at least ${spec.min}`
    } else {
      values[spec.key] = value
    }
  }

  const { lead_threshold, marketing_qualified_threshold, sales_ready_threshold } =
    values
  if (
    lead_threshold !== undefined &&
    marketing_qualified_threshold !== undefined &&
    marketing_qualified_threshold <= lead_threshold
  ) {
    errors.marketing_qualified_threshold = "Must be above the lead threshold"
  }
  if (
    marketing_qualified_threshold !== undefined &&
    sales_ready_threshold !== undefined &&
    sales_ready_threshold <= marketing_qualified_threshold
  ) {
    errors.sales_ready_threshold =
      "Must be above the marketing-qualified threshold"
  }

  const email = form.sales_notification_email.trim()
  if (email && !EMAIL.test(email)) {
    errors.sales_notification_email = "Enter an email address"
  }

  const timeZone = form.time_zone.trim()
  if (!isTimeZone(timeZone)) {
    errors.time_zone = "Enter a time zone such as Europe/Berlin or Asia/Tokyo"
  }
  if (
    values.recency_floor_days !== undefined &&
    values.recency_floor_days > RECENCY_FLOOR_DAYS.max
  ) {
    errors.recency_floor_days = `Must be at most ${RECENCY_FLOOR_DAYS.max}`
  }

  const body: UpdateScoringSettingsBody = {
    ...values,
    sales_notification_email: email || null,
    sales_notification_feed: form.sales_notification_feed,
    time_zone: timeZone,
  }

  return { errors, body, valid: Object.keys(errors).length === 0 }
}

const SettingsForm = ({ settings }: { settings: ScoringSettings }) => {
  const idPrefix = useId()
  const [form, setForm] = useState<FormState>(() => toForm(settings))
  const [submitted, setSubmitted] = useState(false)
  const initial = useMemo(() => toForm(settings), [settings])
  const dirty = JSON.stringify(form) !== JSON.stringify(initial)
  const { errors, body, valid } = validate(form)

  const { mutate, isPending } = useUpdateScoringSettings({
    onSuccess: ({ scoring_settings }) => {
      setForm(toForm(scoring_settings))
      setSubmitted(false)
      toast.success("Scoring settings saved")
    },
    onError: (error) =>
      toast.error("The settings could not be saved", {
        description: error.message,
      }),
  })

  const set = (change: Partial<FormState>) =>
    setForm((prev) => ({ ...prev, ...change }))

  const show = (key: keyof FormState) => (submitted ? errors[key] : undefined)

  const numberField = (spec: NumberSpec) => {
    const id = `${idPrefix}-${spec.key}`
    return (
      <FormField
        key={spec.key}
        id={id}
        label={spec.label}
        hint={spec.hint}
        error={show(spec.key)}
      >
        <Input
          id={id}
          type="number"
          step={spec.integer ? 1 : "any"}
          min={spec.min}
          value={form[spec.key]}
          aria-invalid={!!show(spec.key)}
          data-testid={`scoring-setting-${spec.key}`}
          onChange={(event) =>
            set({ [spec.key]: event.target.value } as Partial<FormState>)
          }
        />
      </FormField>
    )
  }

  const emailId = `${idPrefix}-email`
  const feedId = `${idPrefix}-feed`
  const timeZoneId = `${idPrefix}-time-zone`

  return (
    <form
      className="flex flex-col divide-y"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        setSubmitted(true)
        if (valid) {
          mutate(body)
        }
      }}
    >
      {NUMBER_GROUPS.map(({ fields, ...group }) => (
        <SettingsGroup key={group.title} {...group}>
          {fields.map(numberField)}
        </SettingsGroup>
      ))}
      <SettingsGroup
        title="RFM and the store's day"
        description="The recency floor keeps recent customers out of At risk, Hibernating and Lost; daily, weekly and monthly caps reset at midnight in the store's time zone."
        columns={2}
        after={<RfmStatusText settings={settings} />}
      >
        {RFM_NUMBERS.map(numberField)}
        <FormField
          id={timeZoneId}
          label="Time zone"
          hint="An IANA name, e.g. Europe/Berlin"
          error={show("time_zone")}
        >
          <Input
            id={timeZoneId}
            list={`${timeZoneId}-list`}
            value={form.time_zone}
            aria-invalid={!!show("time_zone")}
            data-testid="scoring-setting-time_zone"
            onChange={(event) => set({ time_zone: event.target.value })}
          />
          <datalist id={`${timeZoneId}-list`}>
            {TIME_ZONES.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </FormField>
      </SettingsGroup>
      <SettingsGroup
        title="Sales notifications"
        description="Who hears about a contact that becomes sales ready."
        columns={2}
      >
        <FormField
          id={emailId}
          label="Email"
          optional
          hint="Where sales-ready contacts are announced by email"
          error={show("sales_notification_email")}
        >
          <Input
            id={emailId}
            type="email"
            placeholder="sales@example.com"
            value={form.sales_notification_email}
            aria-invalid={!!show("sales_notification_email")}
            data-testid="scoring-setting-sales_notification_email"
            onChange={(event) =>
              set({ sales_notification_email: event.target.value })
            }
          />
        </FormField>
        <FormField id={feedId} label="Admin notifications">
          <div className="flex items-center gap-x-3">
            <Switch
              id={feedId}
              checked={form.sales_notification_feed}
              data-testid="scoring-setting-sales_notification_feed"
              onCheckedChange={(checked) =>
                set({ sales_notification_feed: checked })
              }
            />
            <Text size="small" leading="compact" className="text-ui-fg-subtle">
              Show sales-ready contacts in the admin's notification feed
            </Text>
          </div>
        </FormField>
      </SettingsGroup>
      <div className="flex items-center justify-end gap-x-2 px-6 py-4">
        {dirty ? (
          <Button
            type="button"
            size="small"
            variant="secondary"
            disabled={isPending}
            onClick={() => {
              setForm(initial)
              setSubmitted(false)
            }}
          >
            Reset
          </Button>
        ) : null}
        <Button
          type="submit"
          size="small"
          isLoading={isPending}
          disabled={!dirty}
          data-testid="scoring-settings-save"
        >
          Save
        </Button>
      </div>
    </form>
  )
}

/** Stage thresholds, decay, the recency floor and time zone, and who is told about sales-ready contacts. */
export const ScoringSettingsSection = () => {
  const { scoring_settings, isPending, isError, error } = useScoringSettings()

  return (
    <Container className="divide-y p-0" data-testid="scoring-settings">
      <SectionHeader
        title="Stages and settings"
        description="Stage thresholds, score decay, RFM, time zone and sales notifications"
      />
      {isPending ? (
        <div className="flex flex-col gap-y-3 px-6 py-4">
          <Skeleton className="h-8 w-full" />
          <Skeleton className="h-8 w-full" />
        </div>
      ) : isError || !scoring_settings ? (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-error">
            The settings could not be loaded
            {error?.message ? `: ${error.message}` : "."}
          </Text>
        </div>
      ) : (
        <SettingsForm settings={scoring_settings} />
      )}
    </Container>
  )
}

/** One group of settings: its title, what it is for, and its fields in a grid. */
const SettingsGroup = ({
  title,
  description,
  columns,
  after,
  children,
}: {
  title: string
  description: string
  columns: 2 | 3
  after?: ReactNode
  children: ReactNode
}) => (
  <TitledBlock title={title} description={description} className="gap-y-4">
    <div
      className={
        columns === 3
          ? "grid grid-cols-1 gap-4 md:grid-cols-3"
          : "grid grid-cols-1 gap-4 md:grid-cols-2"
      }
    >
      {children}
    </div>
    {after}
  </TitledBlock>
)
