import { Container, Text } from "@medusajs/ui"
import { SectionHeader } from "../../../../../components/section-header"
import type { FlowValidationError } from "../../../../../lib/types"

/** What stops the draft from being published, as the server says it; steps named are marked on the canvas. */
export const FlowProblemsSection = ({ errors }: { errors: FlowValidationError[] }) => (
  <Container className="divide-y p-0" data-testid="flow-problems">
    <SectionHeader
      title="Fix before publishing"
      description={`${errors.length} ${errors.length === 1 ? "problem" : "problems"}; the steps named are outlined in red.`}
    />
    <ul className="flex flex-col gap-y-1 px-6 py-4">
      {errors.map((error) => (
        <li key={`${error.path}:${error.message}`}>
          <Text size="small">
            <span className="font-mono text-ui-fg-subtle">{error.path}</span>: {error.message}
          </Text>
        </li>
      ))}
    </ul>
  </Container>
)
