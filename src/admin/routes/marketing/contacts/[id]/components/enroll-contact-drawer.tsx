import { Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { SelectField } from "../../../../../components/select-input"
import { SideDrawer } from "../../../../../components/side-drawer"
import { useEnrollInFlow, useFlows } from "../../../../../hooks/api/flows"
import { describeTrigger } from "../../../../../lib/flows"

// Active flows to choose from: more than a store runs at once.
const FLOW_LIMIT = 100

/** Enrolls this contact in an active flow now. */
export const EnrollContactDrawer = ({ contactId, onClose }: { contactId: string; onClose: () => void }) => {
  const { flows, isPending } = useFlows({ status: "active", limit: FLOW_LIMIT })
  const [flowId, setFlowId] = useState("")
  const [error, setError] = useState<string | null>(null)
  const enroll = useEnrollInFlow(flowId)
  const flow = flows?.find((f) => f.id === flowId)

  return (
    <SideDrawer
      title="Enroll in a flow"
      description="The contact enters the flow's first step now, unless already in it or kept out by its re-entry rule or entry filter."
      testId="contact-enroll-drawer"
      onClose={onClose}
      isBusy={enroll.isPending}
      submit={{
        label: "Enroll",
        testId: "contact-enroll-submit",
        disabled: !flow,
        onSubmit: () => {
          if (!flow) return setError("Pick a flow")
          enroll.mutate(
            { contact_id: contactId },
            {
              onSuccess: ({ enrolled }) => {
                if (enrolled) toast.success(`Enrolled in "${flow.name}"`)
                else toast.warning(`Not enrolled in "${flow.name}"`, { description: "Already in it, or kept out by its re-entry rule or entry filter." })
                onClose()
              },
              onError: (e) => setError(e.message),
            }
          )
        },
      }}
    >
      <SelectField
        id="contact-enroll-flow"
        label="Flow"
        error={error}
        hint={flow ? describeTrigger(flow.definition?.trigger) : undefined}
        value={flowId}
        options={(flows ?? []).map((f) => ({ value: f.id, label: f.name }))}
        placeholder={isPending ? "Loading flows…" : "Pick an active flow"}
        onChange={(value) => {
          setFlowId(value)
          setError(null)
        }}
        testId="contact-enroll-flow"
      />
      {!isPending && !flows?.length ? (
        <Text size="small" className="text-ui-fg-subtle">
          No flow is active: publish one first.
        </Text>
      ) : null}
    </SideDrawer>
  )
}
