import { Input, Textarea, toast } from "@medusajs/ui"
import { useState } from "react"
import { useNavigate } from "react-router-dom"
import { FormField } from "../../../../components/form-field"
import { SideDrawer } from "../../../../components/side-drawer"
import { useCreateFlow } from "../../../../hooks/api/flows"
import { EMPTY_FLOW_DEFINITION } from "../../../../lib/flows"
import { flowHref } from "./use-flow-actions"

/** Names a new flow and opens it as a draft. */
export const CreateFlowDrawer = ({ onClose }: { onClose: () => void }) => {
  const navigate = useNavigate()
  const [name, setName] = useState("")
  const [description, setDescription] = useState("")
  const [error, setError] = useState<string | null>(null)
  const create = useCreateFlow()

  return (
    <SideDrawer
      title="Create flow"
      description="Name it; you build its steps on the next page and publish when it is ready."
      testId="flow-create-drawer"
      onClose={onClose}
      isBusy={create.isPending}
      submit={{
        label: "Create",
        testId: "flow-create-submit",
        onSubmit: () => {
          if (!name.trim()) {
            setError("Give the flow a name")
            return
          }
          create.mutate(
            {
              name: name.trim(),
              description: description.trim() || null,
              definition: EMPTY_FLOW_DEFINITION,
            },
            {
              onSuccess: ({ flow }) => {
                toast.success(`"${flow.name}" was created`)
                onClose()
                navigate(flowHref(flow))
              },
              onError: (e) => setError(e.message),
            }
          )
        },
      }}
    >
      <FormField id="flow-name" label="Name" error={error}>
        <Input
          id="flow-name"
          value={name}
          autoFocus
          onChange={(e) => {
            setName(e.target.value)
            setError(null)
          }}
          placeholder="Cart recovery"
        />
      </FormField>
      <FormField id="flow-description" label="Description" optional>
        <Textarea
          id="flow-description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </FormField>
    </SideDrawer>
  )
}
