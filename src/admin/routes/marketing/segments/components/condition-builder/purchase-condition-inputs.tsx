import { Input } from "@medusajs/ui"
import {
  PURCHASE_OPERATORS,
  PURCHASE_OPERATOR_LABELS,
  getPurchaseMetricLabel,
  isMoneyMetric,
  type PurchaseLeafDraft,
} from "../../../../../lib/segments"
import type {
  PurchaseMetric,
  PurchaseOperator,
} from "../../../../../lib/types"
import { useBuilderData } from "./builder-context"
import { WithinDaysInput } from "./days-input"
import { SelectInput } from "../../../../../components/select-input"

type PurchaseConditionInputsProps = {
  leaf: PurchaseLeafDraft
  /** Whether the part of the condition at `key` (metric, value, currency_code…) is wrong. */
  invalidAt: (key: string) => boolean
  onChange: (update: (leaf: PurchaseLeafDraft) => PurchaseLeafDraft) => void
}

/**
 * Orders, total spent or average order value compared to a number; money in
 * one currency; optionally one product or category and a period.
 */
export const PurchaseConditionInputs = ({
  leaf,
  invalidAt,
  onChange,
}: PurchaseConditionInputsProps) => {
  const { purchaseMetrics, currencies } = useBuilderData()
  const money = !!leaf.metric && isMoneyMetric(leaf.metric)
  const currencyOptions = [...currencies]
  if (leaf.currencyCode && !currencyOptions.includes(leaf.currencyCode)) {
    currencyOptions.push(leaf.currencyCode)
  }

  return (
    <>
      <SelectInput
        value={leaf.metric}
        options={purchaseMetrics.map((metric) => ({
          value: metric,
          label: getPurchaseMetricLabel(metric),
        }))}
        placeholder="Measure"
        label="Purchase metric"
        invalid={invalidAt("metric")}
        testId="segment-condition-metric"
        onChange={(metric) =>
          onChange((current) => ({
            ...current,
            metric: metric as PurchaseMetric,
            currencyCode:
              isMoneyMetric(metric) && !current.currencyCode
                ? currencies[0] ?? ""
                : current.currencyCode,
          }))
        }
      />
      <div className="flex items-center gap-x-2">
        <SelectInput
          value={leaf.operator}
          options={PURCHASE_OPERATORS.map((operator) => ({
            value: operator,
            label: PURCHASE_OPERATOR_LABELS[operator],
          }))}
          label="Comparison"
          onChange={(operator) =>
            onChange((current) => ({
              ...current,
              operator: operator as PurchaseOperator,
            }))
          }
        />
        <Input
          size="small"
          type="number"
          min={0}
          step={money ? "any" : 1}
          value={leaf.value}
          aria-label={money ? "Amount" : "Orders"}
          aria-invalid={invalidAt("value")}
          onChange={(event) => {
            const value = event.target.value
            onChange((current) => ({ ...current, value }))
          }}
        />
      </div>
      {money ? (
        currencyOptions.length ? (
          <SelectInput
            value={leaf.currencyCode}
            options={currencyOptions.map((code) => ({
              value: code,
              label: code.toUpperCase(),
            }))}
            placeholder="Currency"
            label="Currency"
            invalid={invalidAt("currency_code")}
            onChange={(currencyCode) =>
              onChange((current) => ({ ...current, currencyCode }))
            }
          />
        ) : (
          <DraftTextInput
            field="currencyCode"
            leaf={leaf}
            label="Currency"
            placeholder="Currency, e.g. eur"
            invalid={invalidAt("currency_code")}
            onChange={onChange}
          />
        )
      ) : (
        <Input size="small" disabled value="" placeholder="Any currency" aria-label="Currency" />
      )}
      <WithinDaysInput
        value={leaf.withinDays}
        invalid={invalidAt("within_days")}
        onChange={(withinDays) => onChange((current) => ({ ...current, withinDays }))}
      />
      <DraftTextInput
        field="productId"
        leaf={leaf}
        label="Product ID"
        placeholder="Product ID (optional)"
        invalid={invalidAt("product_id")}
        onChange={onChange}
      />
      <DraftTextInput
        field="categoryId"
        leaf={leaf}
        label="Category ID"
        placeholder="Category ID (optional)"
        invalid={invalidAt("category_id")}
        onChange={onChange}
      />
    </>
  )
}

/** A free-text part of the condition (currency, product or category id). */
const DraftTextInput = ({
  field,
  leaf,
  label,
  placeholder,
  invalid,
  onChange,
}: {
  field: "currencyCode" | "productId" | "categoryId"
  leaf: PurchaseLeafDraft
  label: string
  placeholder: string
  invalid: boolean
  onChange: PurchaseConditionInputsProps["onChange"]
}) => (
  <Input
    size="small"
    value={leaf[field]}
    placeholder={placeholder}
    aria-label={label}
    aria-invalid={invalid}
    onChange={(event) => {
      const value = event.target.value
      onChange((current) => ({ ...current, [field]: value }))
    }}
  />
)
