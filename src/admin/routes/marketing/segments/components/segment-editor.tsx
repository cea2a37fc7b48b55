import { FetchError } from "@medusajs/js-sdk"
import { Input, Text, Textarea, toast } from "@medusajs/ui"
import { useId, useMemo, useState } from "react"
import {
  useCreateSegment,
  useSegmentPreview,
  useUpdateSegment,
} from "../../../../hooks/api/segments"
import {
  definitionToDraft,
  draftToDefinition,
  getDefinitionErrors,
  type GroupDraft,
} from "../../../../lib/segments"
import type { Segment, SegmentResponse } from "../../../../lib/types"
import {
  EditorModal,
  EditorSection,
  SwitchCard,
} from "../../../../components/editor-modal"
import { FormField } from "../../../../components/form-field"
import { useSegmentBuilderData } from "./condition-builder/builder-context"
import { ConditionBuilder } from "./condition-builder/condition-builder"
import {
  SegmentPreviewCount,
  SegmentPreviewSample,
} from "./segment-preview"

type SegmentEditorProps = {
  /** The segment to edit; a new segment when left out. */
  segment?: Segment
  onClose: () => void
  onSaved?: (segment: Segment) => void
}

/** Creates or edits a segment, with the live count of who matches. */
export const SegmentEditor = ({ segment, onClose, onSaved }: SegmentEditorProps) => {
  const ids = { name: useId(), description: useId() }
  const isEdit = !!segment
  const [name, setName] = useState(segment?.name ?? "")
  const [description, setDescription] = useState(segment?.description ?? "")
  const [mirror, setMirror] = useState(segment?.mirror_to_customer_group ?? false)
  const [root, setRoot] = useState<GroupDraft>(() =>
    definitionToDraft(segment?.definition)
  )
  const [submitted, setSubmitted] = useState(false)
  const [serverError, setServerError] = useState<string | null>(null)

  const builder = useSegmentBuilderData({ excludeSegmentId: segment?.id })
  const fieldsReady = !builder.fieldsLoading && !builder.fieldsError
  const result = useMemo(
    () => draftToDefinition(root, builder.context),
    [root, builder.context]
  )

  const preview = useSegmentPreview(
    fieldsReady && result.definition ? { definition: result.definition } : undefined
  )
  const previewReady = fieldsReady && !!result.definition
  const previewError =
    previewReady && preview.isError ? preview.error?.message ?? "Unknown error" : null

  // Local problems once the owner tried to save; the server's always.
  const errors = useMemo(() => {
    const merged = new Map<string, string>()
    const server = getDefinitionErrors(serverError ?? previewError, result.paths)
    server.forEach((message, key) => merged.set(key, message))
    if (submitted && fieldsReady) {
      result.errors.forEach((message, key) => merged.set(key, message))
    }
    return merged
  }, [serverError, previewError, result, submitted, fieldsReady])

  const onSuccess = ({ segment: saved }: SegmentResponse) => {
    toast.success(
      isEdit ? `"${saved.name}" was saved` : `"${saved.name}" was created`,
      { description: "Its members are being updated." }
    )
    onSaved?.(saved)
    onClose()
  }
  const onError = (error: FetchError) => {
    setServerError(error.message || "The segment could not be saved.")
    if (error.status !== 400) {
      toast.error("The segment could not be saved", { description: error.message })
    }
  }
  const create = useCreateSegment({ onSuccess, onError })
  const update = useUpdateSegment(segment?.id ?? "", { onSuccess, onError })
  const isSaving = create.isPending || update.isPending

  const nameError = submitted && !name.trim() ? "Give the segment a name" : undefined
  const emptyError =
    submitted && result.empty ? "Add at least one condition" : undefined

  const handleSubmit = (event: React.FormEvent) => {
    event.preventDefault()
    setSubmitted(true)
    setServerError(null)
    if (!name.trim() || !result.definition || !fieldsReady) {
      return
    }
    const body = {
      name: name.trim(),
      description: description.trim() || null,
      definition: result.definition,
      mirror_to_customer_group: mirror,
    }
    if (isEdit) {
      update.mutate(body)
    } else {
      create.mutate(body)
    }
  }

  const previewState = {
    ready: previewReady,
    count: preview.count,
    contacts: preview.contacts,
    isLoading: preview.isFetching || preview.isDebouncing,
    error: previewError,
  }

  return (
    <EditorModal
      noun="segment"
      description="A segment is everyone who matches its conditions. Members come and go as contacts change."
      isEdit={isEdit}
      isSaving={isSaving}
      serverError={serverError}
      onSubmit={handleSubmit}
      onClose={onClose}
      status={<SegmentPreviewCount {...previewState} />}
    >
      <div className="flex flex-col gap-y-4">
        <FormField id={ids.name} label="Name" error={nameError}>
          <Input
            id={ids.name}
            value={name}
            placeholder="French shoppers"
            aria-invalid={!!nameError}
            onChange={(event) => setName(event.target.value)}
            data-testid="segment-name"
          />
        </FormField>
        <FormField id={ids.description} label="Description" optional>
          <Textarea
            id={ids.description}
            value={description}
            rows={2}
            onChange={(event) => setDescription(event.target.value)}
          />
        </FormField>
      </div>

      <EditorSection
        title="Conditions"
        description="Combine contact fields, behaviour, purchases and memberships. Groups can nest."
      >
        <ConditionBuilder
          root={root}
          data={{ ...builder, errors }}
          onChange={(change) => {
            setRoot(change)
            setServerError(null)
          }}
        />
        {emptyError ? (
          <Text size="small" leading="compact" className="text-ui-fg-error">
            {emptyError}
          </Text>
        ) : null}
      </EditorSection>

      <SegmentPreviewSample {...previewState} />

      <SwitchCard
        label="Mirror to a customer group"
        description="Keeps a Medusa customer group with the same members, for price lists and promotions. Only contacts with a customer account can be in it."
        checked={mirror}
        onCheckedChange={setMirror}
        testId="segment-editor-mirror"
      />
    </EditorModal>
  )
}
