import { builtin, DAY, HAS_EMAIL, MAY_EMAIL, ORDER_GOAL, starter, type FlowRecipe } from "./recipe"

/**
 * For customers. The goal is the next order; a flow whose last step is an
 * email ends with a wait, so an order in the days after it still converts the
 * enrolment (a completed one no longer can).
 */
export const LOYALTY_RECIPES: FlowRecipe[] = [
  {
    key: "post_purchase",
    group: "loyalty",
    name: "Post-purchase thank-you and cross-sell",
    purpose: "The day after an order, a thank-you with products that go with it; two weeks later, more of them.",
    templates: ["post_purchase", "cross_sell"],
    definition: {
      // The order's id comes with the event: the thank-you recaps that order.
      trigger: { type: "event", event: { type: "order_placed" } },
      entry_filter: HAS_EMAIL,
      reentry: { policy: "every_time" },
      // The next order, not the one that started it.
      goal: ORDER_GOAL,
      message_pressure: { when_held: "delay", when_suppressed: "exit" },
      start: "wait_1_day",
      steps: {
        // Leaves the day of the order to Medusa's own confirmation email.
        wait_1_day: { type: "wait", name: "Wait 1 day", seconds: DAY, next: "thank_you" },
        thank_you: {
          type: "send_email",
          name: "Thank you",
          template_id: starter("post_purchase"),
          topic: "recommendations",
          products: { strategy: "bestsellers_in_viewed_category", limit: 3 },
          next: "wait_14_days",
        },
        wait_14_days: { type: "wait", name: "Wait 14 days", seconds: 14 * DAY, next: "cross_sell" },
        cross_sell: {
          type: "send_email",
          name: "Goes well with your order",
          template_id: starter("cross_sell"),
          topic: "recommendations",
          products: { strategy: "bestsellers_in_viewed_category", limit: 4 },
          next: "conversion_window",
        },
        conversion_window: { type: "wait", name: "Conversion window: 7 days", seconds: 7 * DAY },
      },
    },
  },
  {
    key: "replenishment",
    group: "loyalty",
    name: "Replenishment reminder",
    purpose: "Thirty days after the last order (at 10:00 local time), a reminder to stock up; another order moves the date.",
    templates: ["replenishment"],
    definition: {
      // Each new order moves last_order_at, so the reminder follows the latest one.
      trigger: { type: "date", field: "last_order_at", mode: "after", days: 30, at: "10:00" },
      entry_filter: { and: [HAS_EMAIL, { field: "order_count", operator: "gte", value: 1 }] },
      reentry: { policy: "every_time" },
      goal: ORDER_GOAL,
      message_pressure: { when_held: "delay", when_suppressed: "exit" },
      start: "reminder",
      steps: {
        reminder: {
          type: "send_email",
          name: "Time to stock up?",
          template_id: starter("replenishment"),
          topic: "recommendations",
          products: { strategy: "bestsellers_in_viewed_category", limit: 4 },
          next: "conversion_window",
        },
        conversion_window: { type: "wait", name: "Conversion window: 7 days", seconds: 7 * DAY },
      },
    },
  },
  {
    key: "win_back",
    group: "loyalty",
    name: "Win-back for customers at risk",
    purpose: "Entering the \"At risk\" RFM group: a 15% code valid 14 days; stops at the order.",
    templates: ["win_back"],
    segments: ["rfm:at-risk"],
    definition: {
      trigger: { type: "segment_entered", segment_id: builtin("rfm:at-risk") },
      // The code is made before the email: only for contacts who can receive it.
      entry_filter: MAY_EMAIL,
      reentry: { policy: "once_per_days", days: 180 },
      goal: ORDER_GOAL,
      message_pressure: { when_held: "delay", when_suppressed: "exit" },
      start: "discount",
      steps: {
        discount: {
          type: "create_discount",
          name: "15% code, valid 14 days",
          kind: "percentage",
          value: 15,
          expires_in_days: 14,
          next: "win_back_email",
        },
        win_back_email: {
          type: "send_email",
          name: "We miss you",
          template_id: starter("win_back"),
          topic: "offers",
          products: { strategy: "bestsellers", limit: 3 },
          next: "code_valid",
        },
        code_valid: { type: "wait", name: "While the code is valid: 14 days", seconds: 14 * DAY },
      },
    },
  },
  {
    key: "vip_welcome",
    group: "loyalty",
    name: "VIP welcome",
    purpose: "Entering the Champions RFM group: a thank-you with early access, and the contact tagged \"vip\".",
    templates: ["vip"],
    segments: ["rfm:champions"],
    definition: {
      trigger: { type: "segment_entered", segment_id: builtin("rfm:champions") },
      entry_filter: HAS_EMAIL,
      // Groups are recomputed nightly: someone at the edge may leave and re-enter; welcome them once a year at most.
      reentry: { policy: "once_per_days", days: 365 },
      goal: ORDER_GOAL,
      // Someone who takes no marketing email is still tagged.
      message_pressure: { when_held: "delay", when_suppressed: "continue" },
      start: "vip_email",
      steps: {
        vip_email: {
          type: "send_email",
          name: "Welcome to the inner circle",
          template_id: starter("vip"),
          topic: "newsletter",
          products: { strategy: "bestsellers", limit: 4 },
          next: "tag_vip",
        },
        tag_vip: { type: "update_contact", name: "Tag as VIP", add_tags: ["vip"], next: "conversion_window" },
        conversion_window: { type: "wait", name: "Conversion window: 14 days", seconds: 14 * DAY },
      },
    },
  },
  {
    key: "birthday",
    group: "loyalty",
    name: "Birthday",
    purpose: "On the contact's birthday at 09:00 local time, a 15% gift code valid 14 days.",
    templates: ["birthday"],
    definition: {
      trigger: { type: "date", field: "birth_date", mode: "anniversary", at: "09:00" },
      entry_filter: MAY_EMAIL,
      // Once a year by construction; the enrolment ends long before the next birthday.
      reentry: { policy: "every_time" },
      goal: ORDER_GOAL,
      message_pressure: { when_held: "delay", when_suppressed: "exit" },
      start: "gift_code",
      steps: {
        gift_code: {
          type: "create_discount",
          name: "15% gift code, valid 14 days",
          kind: "percentage",
          value: 15,
          expires_in_days: 14,
          next: "birthday_email",
        },
        birthday_email: {
          type: "send_email",
          name: "Happy birthday",
          template_id: starter("birthday"),
          topic: "offers",
          next: "code_valid",
        },
        code_valid: { type: "wait", name: "While the code is valid: 14 days", seconds: 14 * DAY },
      },
    },
  },
]
