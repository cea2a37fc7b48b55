import type { FlowConditionNode } from "../types"
import { builtin, DAY, HAS_EMAIL, HOUR, ORDER_GOAL, starter, type FlowRecipe } from "./recipe"

const SALES_READY: FlowConditionNode = { field: "lifecycle_stage", operator: "eq", value: "sales_ready" }

/** For leads and shoppers who have not bought yet: each stops at the order (or hands over to sales). */
export const ACQUISITION_RECIPES: FlowRecipe[] = [
  {
    key: "welcome_series",
    group: "acquisition",
    name: "Welcome series",
    purpose: "Three emails over seven days to a new subscriber, stopping at their first order.",
    templates: ["welcome", "welcome_2", "welcome_3"],
    definition: {
      // Subscribing is the storefront's `identify` with marketing consent.
      trigger: {
        type: "event",
        event: { type: "identify", where: { field: "properties.email_marketing_consent", operator: "eq", value: true } },
      },
      entry_filter: { and: [HAS_EMAIL, { field: "order_count", operator: "eq", value: 0 }] },
      reentry: { policy: "once" },
      goal: ORDER_GOAL,
      message_pressure: { when_held: "delay", when_suppressed: "exit" },
      start: "welcome_1",
      steps: {
        welcome_1: {
          type: "send_email",
          name: "Welcome",
          template_id: starter("welcome"),
          topic: "newsletter",
          products: { strategy: "bestsellers", limit: 3 },
          next: "wait_3_days",
        },
        wait_3_days: { type: "wait", name: "Wait 3 days", seconds: 3 * DAY, next: "welcome_2" },
        welcome_2: {
          type: "send_email",
          name: "Picked for you",
          template_id: starter("welcome_2"),
          topic: "newsletter",
          products: { strategy: "bestsellers_in_viewed_category", limit: 4 },
          next: "wait_4_days",
        },
        wait_4_days: { type: "wait", name: "Wait 4 days", seconds: 4 * DAY, next: "welcome_3" },
        welcome_3: {
          type: "send_email",
          name: "Customer favourites",
          template_id: starter("welcome_3"),
          topic: "newsletter",
          products: { strategy: "bestsellers", limit: 4 },
        },
      },
    },
  },
  {
    key: "browse_abandonment",
    group: "acquisition",
    name: "Browse abandonment",
    purpose: "Viewed products at least twice in a day and added nothing to a cart within 4 hours: shows what they looked at.",
    templates: ["browse_abandonment"],
    definition: {
      trigger: { type: "event", event: { type: "product_viewed" } },
      // The trigger fires on every view; only the second in 24 hours enrols, and not someone already carting.
      entry_filter: {
        and: [
          HAS_EMAIL,
          { event: { type: "product_viewed", count: { operator: "gte", value: 2 }, within_days: 1 } },
          { not: { event: { type: "product_added_to_cart", within_days: 1 } } },
        ],
      },
      reentry: { policy: "once_per_days", days: 7 },
      goal: ORDER_GOAL,
      // A browse reminder is worth little late: skip it rather than stack it behind other email.
      message_pressure: { when_held: "skip", when_suppressed: "exit" },
      start: "cart_within_4_hours",
      steps: {
        // Same source as the trigger (the storefront), so it names the contact even for a guest cart.
        cart_within_4_hours: {
          type: "wait_for_event",
          name: "Added to cart within 4 hours?",
          event: { type: "product_added_to_cart" },
          timeout_seconds: 4 * HOUR,
          yes: "carted",
          no: "browse_reminder",
        },
        carted: { type: "exit", name: "Added to cart: cart abandonment takes over" },
        browse_reminder: {
          type: "send_email",
          name: "Still thinking it over?",
          template_id: starter("browse_abandonment"),
          topic: "recommendations",
          products: { strategy: "recently_viewed", limit: 4 },
        },
      },
    },
  },
  {
    key: "cart_abandonment",
    group: "acquisition",
    name: "Cart abandonment",
    purpose: "Items in a cart and no order: reminders after 1, 24 and 72 hours, the last with a discount code; stops at the order.",
    templates: ["cart_abandonment", "cart_abandonment_2", "cart_abandonment_3"],
    definition: {
      // The cart's id comes with the event: every email shows that cart and links back to it.
      trigger: {
        type: "event",
        event: { type: "cart_updated", where: { field: "properties.item_count", operator: "gt", value: 0 } },
      },
      entry_filter: HAS_EMAIL,
      // At most one series a week: the third email carries a code, which should not become a habit.
      reentry: { policy: "once_per_days", days: 7 },
      goal: ORDER_GOAL,
      exit_conditions: [{ event: { type: "cart_updated", where: { field: "properties.item_count", operator: "eq", value: 0 } } }],
      // Time matters more than the cap here; quiet hours still apply.
      message_pressure: { bypass_frequency_cap: true, when_held: "delay", when_suppressed: "exit" },
      start: "wait_1_hour",
      steps: {
        wait_1_hour: { type: "wait", name: "Wait 1 hour", seconds: HOUR, next: "reminder_1" },
        reminder_1: {
          type: "send_email",
          name: "Your cart is waiting",
          template_id: starter("cart_abandonment"),
          topic: "recommendations",
          next: "wait_until_24_hours",
        },
        wait_until_24_hours: { type: "wait", name: "Wait 23 hours", seconds: 23 * HOUR, next: "reminder_2" },
        reminder_2: {
          type: "send_email",
          name: "Still saved for you",
          template_id: starter("cart_abandonment_2"),
          topic: "recommendations",
          products: { strategy: "bestsellers_in_viewed_category", limit: 3 },
          next: "wait_until_72_hours",
        },
        wait_until_72_hours: { type: "wait", name: "Wait 48 hours", seconds: 48 * HOUR, next: "discount" },
        discount: {
          type: "create_discount",
          name: "10% code, valid 7 days",
          kind: "percentage",
          value: 10,
          expires_in_days: 7,
          next: "reminder_3",
        },
        reminder_3: {
          type: "send_email",
          name: "A code for your cart",
          template_id: starter("cart_abandonment_3"),
          topic: "offers",
          next: "code_valid",
        },
        // An order made with the code still converts the enrolment (a completed one no longer can).
        code_valid: { type: "wait", name: "While the code is valid: 7 days", seconds: 7 * DAY },
      },
    },
  },
  {
    key: "lead_nurturing",
    group: "acquisition",
    name: "Lead nurturing by score",
    purpose: "Educational emails to a new lead while their acquisition score grows; the team is told when they become sales-ready.",
    templates: ["lead_education_1", "lead_education_2", "lead_education_3"],
    segments: ["sales-ready-leads"],
    definition: {
      // The stage follows the store's own thresholds (scoring settings), so no number is written here.
      trigger: { type: "stage_changed", to: "lead" },
      entry_filter: { and: [HAS_EMAIL, { field: "order_count", operator: "eq", value: 0 }] },
      reentry: { policy: "once" },
      // Converted on becoming sales-ready, but it goes on, so the next check tells the team.
      goal: { segment_entered: builtin("sales-ready-leads"), continue_after: true },
      exit_conditions: [{ event: { type: "order_placed" } }],
      message_pressure: { when_held: "delay", when_suppressed: "exit" },
      start: "education_1",
      steps: {
        education_1: {
          type: "send_email",
          name: "Choosing well",
          template_id: starter("lead_education_1"),
          topic: "newsletter",
          products: { strategy: "bestsellers_in_viewed_category", limit: 3 },
          next: "wait_1",
        },
        wait_1: { type: "wait", name: "Wait 4 days", seconds: 4 * DAY, next: "ready_1" },
        ready_1: { type: "condition", name: "Sales-ready?", if: SALES_READY, yes: "notify_sales", no: "education_2" },
        education_2: {
          type: "send_email",
          name: "What customers choose",
          template_id: starter("lead_education_2"),
          topic: "newsletter",
          products: { strategy: "bestsellers", limit: 3 },
          next: "wait_2",
        },
        wait_2: { type: "wait", name: "Wait 4 days", seconds: 4 * DAY, next: "ready_2" },
        ready_2: { type: "condition", name: "Sales-ready?", if: SALES_READY, yes: "notify_sales", no: "education_3" },
        education_3: {
          type: "send_email",
          name: "Questions answered",
          template_id: starter("lead_education_3"),
          topic: "newsletter",
          products: { strategy: "recently_viewed", limit: 3 },
          next: "wait_3",
        },
        wait_3: { type: "wait", name: "Wait 7 days", seconds: 7 * DAY, next: "ready_3" },
        ready_3: { type: "condition", name: "Sales-ready?", if: SALES_READY, yes: "notify_sales", no: "not_ready" },
        not_ready: { type: "exit", name: "Not sales-ready after three emails" },
        notify_sales: {
          type: "notify_team",
          name: "Tell the sales team",
          message: "Became sales-ready during lead nurturing: worth a personal follow-up.",
        },
      },
    },
  },
]

