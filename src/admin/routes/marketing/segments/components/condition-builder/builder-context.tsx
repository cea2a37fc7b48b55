import { createContext, useContext, useMemo } from "react"
import {
  useCustomerGroupOptions,
  useSegmentFields,
  useSegments,
  useStoreCurrencies,
} from "../../../../../hooks/api/segments"
import {
  FLOW_LEAF_KINDS,
  LEAF_KINDS,
  PURCHASE_METRICS,
  type BuilderContext,
  type LeafKind,
} from "../../../../../lib/segments"
import type {
  CountOperator,
  PurchaseMetric,
  SegmentEventType,
  SegmentField,
} from "../../../../../lib/types"

type Option = { id: string; name: string }

/** What the rows of the builder choose from, and what is wrong with them. */
export type SegmentBuilderData = {
  fields: SegmentField[]
  eventTypes: SegmentEventType[]
  purchaseMetrics: PurchaseMetric[]
  countOperators: CountOperator[]
  /** Other segments (not the one being edited). */
  segments: Option[]
  customerGroups: Option[]
  /** Lowercase codes, the store's default first. */
  currencies: string[]
  fieldsLoading: boolean
  fieldsError: string | null
  /** Problems by node key, to show under the row or group. */
  errors: Map<string, string>
  /** The context `draftToDefinition` needs. */
  context: BuilderContext
}

const SEGMENT_OPTIONS_LIMIT = 200

/** Loads the fields, the other segments, the customer groups and the currencies. */
export const useSegmentBuilderData = ({
  excludeSegmentId,
}: {
  excludeSegmentId?: string
}): Omit<SegmentBuilderData, "errors"> => {
  const fields = useSegmentFields()
  const segments = useSegments({ limit: SEGMENT_OPTIONS_LIMIT })
  const groups = useCustomerGroupOptions()
  const { currencies } = useStoreCurrencies()

  return useMemo(() => {
    const fieldList = fields.fields ?? []
    const eventTypes = fields.event_types ?? []
    return {
      fields: fieldList,
      eventTypes,
      purchaseMetrics: fields.purchase_metrics?.length
        ? fields.purchase_metrics
        : PURCHASE_METRICS,
      countOperators: fields.count_operators?.length
        ? fields.count_operators
        : ["gte", "lte", "eq"],
      segments: (segments.segments ?? [])
        .filter((segment) => segment.id !== excludeSegmentId)
        .map(({ id, name }) => ({ id, name })),
      customerGroups: (groups.customer_groups ?? []).map((group) => ({
        id: group.id,
        name: group.name ?? group.id,
      })),
      currencies,
      fieldsLoading: fields.isPending,
      fieldsError: fields.isError ? fields.error?.message ?? "unknown error" : null,
      context: {
        fields: new Map(fieldList.map((field) => [field.name, field])),
        eventTypes: new Map(eventTypes.map((type) => [type.type, type])),
      },
    }
  }, [
    fields.fields,
    fields.event_types,
    fields.purchase_metrics,
    fields.count_operators,
    fields.isPending,
    fields.isError,
    fields.error,
    segments.segments,
    groups.customer_groups,
    currencies,
    excludeSegmentId,
  ])
}

const BuilderDataContext = createContext<SegmentBuilderData | null>(null)

export const SegmentBuilderDataProvider = BuilderDataContext.Provider

export const useBuilderData = () => {
  const data = useContext(BuilderDataContext)
  if (!data) {
    throw new Error("useBuilderData must be used inside SegmentBuilderDataProvider")
  }
  return data
}

/** Which rows a group offers: everything at the top, property tests inside an event. */
export type BuilderScope = {
  kinds: LeafKind[]
  fields: SegmentField[]
  /** What the fields are called in the row, e.g. "Property". */
  fieldLabel: string
}

export const contactScope = (fields: SegmentField[]): BuilderScope => ({
  kinds: LEAF_KINDS,
  fields,
  fieldLabel: "Field",
})

/** A flow's condition step: the contact's tests and what happened since entering. */
export const flowConditionScope = (fields: SegmentField[]): BuilderScope => ({
  kinds: FLOW_LEAF_KINDS,
  fields,
  fieldLabel: "Field",
})

export const eventPropertyScope = (
  eventType: SegmentEventType | undefined
): BuilderScope => ({
  kinds: ["field"],
  fields: eventType?.properties ?? [],
  fieldLabel: "Property",
})
