import { definitionSteps } from "../flows"

describe("definitionSteps", () => {
  it("orders steps as a contact meets them, whatever the keys' order; unreached steps last", () => {
    const def = {
      start: "send_1",
      steps: {
        done: { type: "exit" },
        wait_1: { type: "wait", seconds: 60, next: "check" },
        check: { type: "condition", if: { field: "x", operator: "eq", value: "done" }, yes: "send_2", no: "done" },
        send_2: { type: "send_email", template_id: "wait_1", next: "done" },
        send_1: { type: "send_email", template_id: "t", next: "wait_1" },
        orphan: { type: "exit" },
      },
    }
    expect(definitionSteps(def)).toEqual([
      { step_id: "send_1", step_type: "send_email" },
      { step_id: "wait_1", step_type: "wait" },
      { step_id: "check", step_type: "condition" },
      { step_id: "done", step_type: "exit" },
      { step_id: "send_2", step_type: "send_email" },
      { step_id: "orphan", step_type: "exit" },
    ])
    expect(definitionSteps(null)).toEqual([])
  })
})
