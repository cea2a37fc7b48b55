import { Input, RadioGroup, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { FormField } from "../../../../../../components/form-field"
import { SelectField } from "../../../../../../components/select-input"
import { SideDrawer } from "../../../../../../components/side-drawer"
import { useEnrollInFlow } from "../../../../../../hooks/api/flows"
import { useSegments } from "../../../../../../hooks/api/segments"
import { scheduleTime, segmentEnrollmentWords } from "../../../../../../lib/flows"
import { formatCount } from "../../../../../../lib/format"
import type { Flow } from "../../../../../../lib/types"

// The picker lists this many segments, the largest page the API gives.
const SEGMENT_LIMIT = 200

/**
 * Enrolls a segment's members in the flow, now or at a later time, showing
 * how many that is before it is confirmed.
 */
export const EnrollSegmentDrawer = ({ flow, onClose }: { flow: Flow; onClose: () => void }) => {
  const { segments, isPending } = useSegments({ limit: SEGMENT_LIMIT })
  const [segmentId, setSegmentId] = useState("")
  const [when, setWhen] = useState<"now" | "later">("now")
  const [local, setLocal] = useState("")
  const [error, setError] = useState<string | null>(null)
  const enroll = useEnrollInFlow(flow.id)

  const segment = segments?.find((s) => s.id === segmentId)
  const schedule = when === "later" ? scheduleTime(local, new Date()) : null
  const at = schedule && "at" in schedule ? schedule.at : undefined
  const words = segment ? segmentEnrollmentWords(segment.member_count, at) : null

  return (
    <SideDrawer
      title="Enroll a segment"
      description={`Every member of the segment enters "${flow.name}", unless already in it or kept out by its re-entry rule or entry filter.`}
      testId="flow-enroll-segment-drawer"
      onClose={onClose}
      isBusy={enroll.isPending}
      submit={{
        label: words?.action ?? "Enroll",
        testId: "enroll-segment-submit",
        disabled: !segment || (when === "later" && !at),
        onSubmit: () => {
          if (!segment) return setError("Pick a segment")
          if (schedule && "error" in schedule) return setError(schedule.error)
          enroll.mutate(
            { segment_id: segment.id, ...(at ? { at } : {}) },
            {
              onSuccess: (result) => {
                toast.success(
                  result.schedule_id
                    ? `"${segment.name}" will be enrolled then`
                    : `${formatCount(result.enrolled)} enrolled from "${segment.name}"`
                )
                onClose()
              },
              onError: (e) => setError(e.message),
            }
          )
        },
      }}
    >
      <SelectField
        id="enroll-segment"
        label="Segment"
        value={segmentId}
        options={(segments ?? []).map((s) => ({ value: s.id, label: `${s.name} (${formatCount(s.member_count)})` }))}
        placeholder={isPending ? "Loading segments…" : "Pick a segment"}
        onChange={(value) => {
          setSegmentId(value)
          setError(null)
        }}
        testId="enroll-segment-select"
      />
      <FormField id="enroll-when" label="When">
        <RadioGroup
          value={when}
          onValueChange={(value) => {
            setWhen(value as "now" | "later")
            setError(null)
          }}
          className="flex flex-col gap-y-2"
        >
          {(["now", "later"] as const).map((value) => (
            <label key={value} className="flex items-center gap-x-2">
              <RadioGroup.Item value={value} id={`enroll-when-${value}`} data-testid={`enroll-when-${value}`} />
              <Text size="small">{value === "now" ? "Now" : "At a date and time"}</Text>
            </label>
          ))}
        </RadioGroup>
      </FormField>
      {when === "later" ? (
        <FormField id="enroll-at" label="Date and time" hint="In your own time zone.">
          <Input
            id="enroll-at"
            type="datetime-local"
            value={local}
            onChange={(e) => {
              setLocal(e.target.value)
              setError(null)
            }}
            data-testid="enroll-at"
          />
        </FormField>
      ) : null}
      {words ? (
        <Text size="small" weight="plus" data-testid="enroll-segment-count" data-count={segment?.member_count}>
          {words.count}
        </Text>
      ) : null}
      {error ? (
        <Text size="small" className="text-ui-fg-error" data-testid="enroll-segment-error">
          {error}
        </Text>
      ) : null}
    </SideDrawer>
  )
}
