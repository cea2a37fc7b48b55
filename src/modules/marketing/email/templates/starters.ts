/**
 * Starter templates shipped with the plugin. Marketing ones use the shared layout (header with the store's
 * branding, footer with the address, unsubscribe and preferences links); the sales-team notification uses
 * the internal layout. Each renders cleanly with SAMPLE_CONTEXT (see the unit tests).
 */
import { FLOW_STARTER_TEMPLATES } from "./flow-starters"
import { CODE, EXPIRY, HAS_CODE, block, button, heading, hello, paragraph, section, type StarterTemplate } from "./starter-parts"

export type { StarterTemplate } from "./starter-parts"

const CORE_STARTERS: StarterTemplate[] = [
  {
    key: "welcome",
    name: "Welcome",
    description: "Sent when someone subscribes or creates an account: introduces the store.",
    subject: `Welcome to {{store.name}}, ${hello}!`,
    mjml: [
      section(
        [
          heading(`Welcome, ${hello}!`),
          paragraph(`Thanks for joining {{store.name}}. From now on you will be the first to hear about new arrivals, offers and tips picked for you.`),
          button("{{store.url}}", "Start shopping"),
        ].join("\n"),
        "24px 24px 8px"
      ),
      section(
        [paragraph(`<strong>A few favourites to start with</strong>`), block(`{{> product_grid products}}`)].join("\n"),
        "0 24px 24px"
      ),
    ].join("\n"),
    text: `Welcome, ${hello}!

Thanks for joining {{store.name}}. From now on you will be the first to hear about new arrivals, offers and tips picked for you.

A few favourites to start with:
{{> product_grid products}}
Start shopping: {{store.url}}`,
  },
  {
    key: "browse_abandonment",
    name: "Browse abandonment",
    description: "Sent after a visitor viewed products without adding them to a cart: shows what they looked at.",
    subject: `Still thinking it over, ${hello}?`,
    mjml: [
      section(
        [
          heading(`Still thinking it over?`),
          paragraph(`Hi ${hello}, you were looking at these recently. They are still here{{#if products.[0]}}, starting with <strong>{{products.[0].title}}</strong>{{/if}}.`),
          block(`{{> product_grid products}}`),
          button("{{store.url}}", "Take another look"),
        ].join("\n"),
        "24px"
      ),
    ].join("\n"),
    text: `Hi ${hello}, you were looking at these recently. They are still here:

{{> product_grid products}}
Take another look: {{store.url}}`,
  },
  {
    key: "cart_abandonment",
    name: "Cart abandonment",
    description: "Sent when a cart is left without checking out: lists the cart's items with a link that restores it.",
    subject: `You left something in your cart, ${hello}`,
    mjml: [
      section(
        [
          heading(`Your cart is waiting`),
          paragraph(`Hi ${hello}, you left these items in your cart. We kept them for you.`),
          block(`{{> cart_items cart.items}}`),
          `    <mj-text align="right" font-size="16px"><strong>Total: {{money cart.total cart.currency_code}}</strong></mj-text>`,
          button("{{cart.recovery_url}}", "Complete your order"),
        ].join("\n"),
        "24px"
      ),
    ].join("\n"),
    text: `Hi ${hello}, you left these items in your cart. We kept them for you.

{{> cart_items cart.items}}
Total: {{money cart.total cart.currency_code}}

Complete your order: {{cart.recovery_url}}`,
  },
  {
    key: "post_purchase",
    name: "Post-purchase thank you",
    description: "Sent after an order: thanks the customer, recaps the order and suggests products that go with it.",
    subject: `Thank you for your order #{{order.display_id}}`,
    mjml: [
      section(
        [
          heading(`Thank you, ${hello}!`),
          paragraph(`Your order <strong>#{{order.display_id}}</strong> of {{date order.created_at "long"}} is confirmed. Here is what you bought:`),
          block(`{{> order_items order.items}}`),
          `    <mj-text align="right" font-size="16px"><strong>Total: {{money order.total order.currency_code}}</strong></mj-text>`,
        ].join("\n"),
        "24px 24px 8px"
      ),
      section([paragraph(`<strong>Goes well with your order</strong>`), block(`{{> product_grid products}}`)].join("\n"), "0 24px 24px"),
    ].join("\n"),
    text: `Thank you, ${hello}!

Your order #{{order.display_id}} of {{date order.created_at "long"}} is confirmed. Here is what you bought:

{{> order_items order.items}}
Total: {{money order.total order.currency_code}}

Goes well with your order:
{{> product_grid products}}`,
  },
  {
    key: "win_back",
    name: "Win-back",
    description: "Sent to customers who have not ordered for a while, with the code the flow made (discount.code, else data.coupon_code).",
    subject: `We miss you, ${hello}{{#if data.discount_percent}}: {{data.discount_percent}}% off your next order{{/if}}`,
    mjml: [
      section(
        [
          heading(`It has been a while, ${hello}`),
          paragraph(`A lot has changed at {{store.name}} since your last visit. Come and see what is new{{#if data.discount_percent}}, with {{data.discount_percent}}% off your next order{{/if}}.`),
          `    <mj-text align="center" font-size="14px" color="#6b7280">Your code</mj-text>`,
          `    <mj-text align="center" font-size="26px" font-weight="bold" letter-spacing="2px" color="{{store.primary_color}}">{{default discount.code (default data.coupon_code "WELCOMEBACK")}}</mj-text>`,
          `    <mj-text align="center" font-size="13px" color="#6b7280">${EXPIRY}</mj-text>`,
          button("{{store.url}}", "Shop now"),
          block(`{{> product_grid products}}`),
        ].join("\n"),
        "24px"
      ),
    ].join("\n"),
    text: `It has been a while, ${hello}

A lot has changed at {{store.name}} since your last visit. Come and see what is new{{#if data.discount_percent}}, with {{data.discount_percent}}% off your next order{{/if}}.

Your code: {{default discount.code (default data.coupon_code "WELCOMEBACK")}}
${EXPIRY}

Shop now: {{store.url}}

{{> product_grid products}}`,
  },
  {
    key: "vip",
    name: "VIP",
    description: "Sent when a customer enters the VIP (champions) group: thanks them and offers early access.",
    subject: `${hello}, you are now a {{store.name}} VIP`,
    mjml: [
      section(
        [
          heading(`Welcome to the inner circle, ${hello}`),
          paragraph(`You are one of our most valued customers. As a thank you, you get early access to new collections{{#if ${HAS_CODE}}} and this code for your next order: <strong>${CODE}</strong>{{/if}}.`),
          paragraph(`<strong>First in line for these</strong>`),
          block(`{{> product_grid products}}`),
          button("{{store.url}}", "See what's new"),
        ].join("\n"),
        "24px"
      ),
    ].join("\n"),
    text: `Welcome to the inner circle, ${hello}

You are one of our most valued customers. As a thank you, you get early access to new collections{{#if ${HAS_CODE}}} and this code for your next order: ${CODE}{{/if}}.

First in line for these:
{{> product_grid products}}
See what's new: {{store.url}}`,
  },
  {
    key: "birthday",
    name: "Birthday",
    description: "Sent on the contact's birthday with the gift code the flow made (discount.code, else data.coupon_code).",
    subject: `Happy birthday, ${hello}! A gift from {{store.name}}`,
    mjml: [
      section(
        [
          `    <mj-text align="center" font-size="26px" font-weight="bold">Happy birthday, ${hello}!</mj-text>`,
          `    <mj-text align="center">Everyone at {{store.name}} wishes you a wonderful day.{{#if ${HAS_CODE}}} Here is a little gift for you: use <strong>${CODE}</strong> at checkout. ${EXPIRY}{{/if}}</mj-text>`,
          button("{{store.url}}", "Treat yourself"),
        ].join("\n"),
        "24px"
      ),
    ].join("\n"),
    text: `Happy birthday, ${hello}!

Everyone at {{store.name}} wishes you a wonderful day.{{#if ${HAS_CODE}}} Here is a little gift for you: use ${CODE} at checkout. ${EXPIRY}{{/if}}

Treat yourself: {{store.url}}`,
  },
  {
    key: "sales_ready",
    name: "Sales-ready notification (team)",
    description: "Internal email to the sales team when a contact becomes sales-ready: who it is and a link to the admin page.",
    layout: "internal",
    subject: `Sales-ready lead: {{default contact.first_name contact.email}} {{contact.last_name}} (score {{contact.acquisition_score}})`,
    html: `<h1 style="font-size:20px;margin:0 0 16px;">A contact is ready for sales</h1>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="font-size:14px;line-height:1.6;">
<tr><td style="padding:2px 16px 2px 0;color:#6b7280;">Name</td><td>{{default contact.first_name "(unknown)"}} {{contact.last_name}}</td></tr>
<tr><td style="padding:2px 16px 2px 0;color:#6b7280;">Email</td><td>{{#if contact.email}}<a href="mailto:{{contact.email}}">{{contact.email}}</a>{{else}}(none){{/if}}</td></tr>
<tr><td style="padding:2px 16px 2px 0;color:#6b7280;">Phone</td><td>{{default contact.phone "(none)"}}</td></tr>
<tr><td style="padding:2px 16px 2px 0;color:#6b7280;">Location</td><td>{{default contact.city "(unknown)"}}{{#if contact.country_code}} ({{upper contact.country_code}}){{/if}}</td></tr>
<tr><td style="padding:2px 16px 2px 0;color:#6b7280;">Acquisition score</td><td><strong>{{contact.acquisition_score}}</strong></td></tr>
<tr><td style="padding:2px 16px 2px 0;color:#6b7280;">Stage</td><td>{{contact.lifecycle_stage}}</td></tr>
</table>
{{#if data.admin_url}}{{> button url=data.admin_url label="Open the contact in the admin"}}{{/if}}`,
    text: `A contact is ready for sales

Name: {{default contact.first_name "(unknown)"}} {{contact.last_name}}
Email: {{default contact.email "(none)"}}
Phone: {{default contact.phone "(none)"}}
Location: {{default contact.city "(unknown)"}}{{#if contact.country_code}} ({{upper contact.country_code}}){{/if}}
Acquisition score: {{contact.acquisition_score}}
Stage: {{contact.lifecycle_stage}}
{{#if data.admin_url}}
Open the contact in the admin: {{data.admin_url}}
{{/if}}`,
  },
]

/** The core starters, then the ones the flow recipes add (welcome series, cart reminders, lead education …). */
export const STARTER_TEMPLATES: StarterTemplate[] = [...CORE_STARTERS, ...FLOW_STARTER_TEMPLATES]
