/**
 * Starter templates the flow recipes add to the core ones (flows/recipes): the rest of the welcome
 * series, the cart reminders after the first, lead education, the cross-sell follow-up and the
 * replenishment reminder. Same layout, style and language as the core starters.
 */
import { block, button, CODE, codeBox, EXPIRY, HAS_CODE, heading, hello, paragraph, section, type StarterTemplate } from "./starter-parts"

const cartTotal = `    <mj-text align="right" font-size="16px"><strong>Total: {{money cart.total cart.currency_code}}</strong></mj-text>`

export const FLOW_STARTER_TEMPLATES: StarterTemplate[] = [
  {
    key: "welcome_2",
    name: "Welcome 2: picked for you",
    description: "Second email of the welcome series (day 3): how to find what suits them, with products from what they browsed.",
    subject: `${hello}, a few things picked for you`,
    mjml: [
      section(
        [
          heading(`Made to be found, ${hello}`),
          paragraph(`At {{store.name}} we keep the range small and choose every product with care. Here are a few we think you will like, based on what you looked at.`),
          block(`{{> product_grid products}}`),
          button("{{store.url}}", "Browse the shop"),
        ].join("\n"),
        "24px"
      ),
    ].join("\n"),
    text: `Made to be found, ${hello}

At {{store.name}} we keep the range small and choose every product with care. Here are a few we think you will like, based on what you looked at:

{{> product_grid products}}
Browse the shop: {{store.url}}`,
  },
  {
    key: "welcome_3",
    name: "Welcome 3: customer favourites",
    description: "Last email of the welcome series (day 7): what other customers buy most, and an invitation to reply.",
    subject: `What everyone at {{store.name}} is buying, ${hello}`,
    mjml: [
      section(
        [
          heading(`Our customers' favourites`),
          paragraph(`Not sure where to start? These are the products our customers order most. And if you have a question, just reply to this email: a real person will answer.`),
          block(`{{> product_grid products}}`),
          button("{{store.url}}", "Find your favourite"),
        ].join("\n"),
        "24px"
      ),
    ].join("\n"),
    text: `Our customers' favourites

Not sure where to start? These are the products our customers order most. And if you have a question, just reply to this email: a real person will answer.

{{> product_grid products}}
Find your favourite: {{store.url}}`,
  },
  {
    key: "cart_abandonment_2",
    name: "Cart reminder 2",
    description: "Second cart reminder (after a day): the cart is still saved, with products that go with it.",
    subject: `Your cart at {{store.name}} is still saved, ${hello}`,
    mjml: [
      section(
        [
          heading(`Still saved for you`),
          paragraph(`Hi ${hello}, your cart is still here, but we cannot hold popular items for ever.`),
          block(`{{> cart_items cart.items}}`),
          cartTotal,
          button("{{cart.recovery_url}}", "Return to your cart"),
        ].join("\n"),
        "24px 24px 8px"
      ),
      section([paragraph(`<strong>You might also like</strong>`), block(`{{> product_grid products}}`)].join("\n"), "0 24px 24px"),
    ].join("\n"),
    text: `Hi ${hello}, your cart is still here, but we cannot hold popular items for ever.

{{> cart_items cart.items}}
Total: {{money cart.total cart.currency_code}}

Return to your cart: {{cart.recovery_url}}

You might also like:
{{> product_grid products}}`,
  },
  {
    key: "cart_abandonment_3",
    name: "Cart reminder 3 (with a code)",
    description: "Last cart reminder (after three days) with the discount code the flow made (discount.code, discount.expires_at).",
    subject: `A code for your cart, ${hello}`,
    mjml: [
      section(
        [
          heading(`A little something to help you decide`),
          paragraph(`Hi ${hello}, your cart is waiting and here is a code to make it easier. Use it at checkout.`),
          codeBox(),
          block(`{{> cart_items cart.items}}`),
          cartTotal,
          button("{{cart.recovery_url}}", "Use my code"),
        ].join("\n"),
        "24px"
      ),
    ].join("\n"),
    text: `Hi ${hello}, your cart is waiting and here is a code to make it easier. Use it at checkout.

{{#if ${HAS_CODE}}}Your code: ${CODE}
${EXPIRY}{{/if}}

{{> cart_items cart.items}}
Total: {{money cart.total cart.currency_code}}

Use my code: {{cart.recovery_url}}`,
  },
  {
    key: "lead_education_1",
    name: "Lead education 1: choosing well",
    description: "First educational email to a lead: how to choose, with products from the category they browse most.",
    subject: `${hello}, how to choose what suits you`,
    mjml: [
      section(
        [
          heading(`How to choose what suits you`),
          paragraph(`Hi ${hello}, choosing is easier with three questions: what will you use it for, how often, and what matters most to you (weight, durability, price)? Every product page at {{store.name}} answers them.`),
          paragraph(`<strong>A good place to start, from what you looked at</strong>`),
          block(`{{> product_grid products}}`),
          button("{{store.url}}", "Read more on the shop"),
        ].join("\n"),
        "24px"
      ),
    ].join("\n"),
    text: `How to choose what suits you

Hi ${hello}, choosing is easier with three questions: what will you use it for, how often, and what matters most to you (weight, durability, price)? Every product page at {{store.name}} answers them.

A good place to start, from what you looked at:
{{> product_grid products}}
Read more on the shop: {{store.url}}`,
  },
  {
    key: "lead_education_2",
    name: "Lead education 2: what customers say",
    description: "Second educational email to a lead: what customers buy most and why.",
    subject: `What our customers choose, ${hello}`,
    mjml: [
      section(
        [
          heading(`What our customers choose`),
          paragraph(`Hi ${hello}, these are the products our customers order most. They come back to them because they last, and because we stand behind every one.`),
          block(`{{> product_grid products}}`),
          button("{{store.url}}", "See the bestsellers"),
        ].join("\n"),
        "24px"
      ),
    ].join("\n"),
    text: `What our customers choose

Hi ${hello}, these are the products our customers order most. They come back to them because they last, and because we stand behind every one.

{{> product_grid products}}
See the bestsellers: {{store.url}}`,
  },
  {
    key: "lead_education_3",
    name: "Lead education 3: questions answered",
    description: "Third educational email to a lead: delivery, returns and how to reach a person, with what they viewed.",
    subject: `${hello}, any questions before you decide?`,
    mjml: [
      section(
        [
          heading(`Any questions before you decide?`),
          paragraph(`Hi ${hello}, most questions we get are about delivery and returns. Orders ship within two working days, and if something is not right you can send it back. Anything else: reply to this email and a person from {{store.name}} will answer.`),
          paragraph(`<strong>Still on your mind</strong>`),
          block(`{{> product_grid products}}`),
          button("{{store.url}}", "Visit the shop"),
        ].join("\n"),
        "24px"
      ),
    ].join("\n"),
    text: `Any questions before you decide?

Hi ${hello}, most questions we get are about delivery and returns. Orders ship within two working days, and if something is not right you can send it back. Anything else: reply to this email and a person from {{store.name}} will answer.

Still on your mind:
{{> product_grid products}}
Visit the shop: {{store.url}}`,
  },
  {
    key: "cross_sell",
    name: "Cross-sell follow-up",
    description: "Sent some days after an order: products that go with what the customer bought.",
    subject: `${hello}, these go well with your order`,
    mjml: [
      section(
        [
          heading(`Made to go together`),
          paragraph(`Hi ${hello}, we hope you are enjoying your order{{#if order.display_id}} #{{order.display_id}}{{/if}}. Customers who bought the same often add these:`),
          block(`{{> product_grid products}}`),
          button("{{store.url}}", "Complete your set"),
        ].join("\n"),
        "24px"
      ),
    ].join("\n"),
    text: `Made to go together

Hi ${hello}, we hope you are enjoying your order{{#if order.display_id}} #{{order.display_id}}{{/if}}. Customers who bought the same often add these:

{{> product_grid products}}
Complete your set: {{store.url}}`,
  },
  {
    key: "replenishment",
    name: "Replenishment reminder",
    description: "Sent some weeks after the last order, when the customer may be running low: reorder in a few clicks.",
    subject: `Running low, ${hello}?`,
    mjml: [
      section(
        [
          heading(`Time to stock up?`),
          paragraph(`Hi ${hello}, it has been a few weeks since your last order at {{store.name}}. If you are running low, your favourites are a few clicks away.`),
          block(`{{> product_grid products}}`),
          button("{{store.url}}", "Reorder now"),
        ].join("\n"),
        "24px"
      ),
    ].join("\n"),
    text: `Time to stock up?

Hi ${hello}, it has been a few weeks since your last order at {{store.name}}. If you are running low, your favourites are a few clicks away.

{{> product_grid products}}
Reorder now: {{store.url}}`,
  },
]
