import type { EmailTemplate } from "./types"

/**
 * Emails the plugin sends on its own, not editable as templates: the double
 * opt-in confirmation, and the flows' team notification. Its link is not click-tracked (`data-no-track`): the
 * click itself is the consent, and it must work without the tracking route.
 */
export const SYSTEM_TEMPLATES = {
  double_opt_in: {
    name: "Confirm your subscription",
    subject: "Please confirm your subscription to {{store.name}}",
    layout: "internal",
    html: `<h1 style="font-size:22px;margin:0 0 16px;">Confirm your subscription</h1>
<p>Hi {{default contact.first_name "there"}}, please confirm that you want to receive emails from {{store.name}} at {{contact.email}}.</p>
<p style="margin:24px 0;"><a data-no-track href="{{data.confirm_url}}" style="background:{{store.primary_color}};color:#ffffff;padding:12px 24px;border-radius:6px;text-decoration:none;font-weight:bold;">Yes, subscribe me</a></p>
<p style="color:#6b7280;font-size:13px;">If you did not ask for this, ignore this email: you will not be subscribed.</p>`,
    text: `Please confirm that you want to receive emails from {{store.name}} at {{contact.email}}:

{{data.confirm_url}}

If you did not ask for this, ignore this email: you will not be subscribed.`,
  },
  /** A flow's `notify_team` step: to the team address or the contact's owner. */
  team_notification: {
    name: "Team notification",
    subject: "{{data.title}}",
    layout: "internal",
    html: `<h1 style="font-size:20px;margin:0 0 16px;">{{data.title}}</h1>
<p>{{data.description}}</p>
{{#if data.message}}<p style="padding:12px 16px;background:#f3f4f6;border-radius:6px;">{{data.message}}</p>{{/if}}
<p style="color:#6b7280;font-size:13px;">Flow: {{data.flow_name}} · step {{data.step_name}}</p>
{{#if data.url}}<p><a href="{{data.url}}">Open the contact</a></p>{{/if}}`,
    text: `{{data.title}}

{{data.description}}
{{#if data.message}}
{{data.message}}
{{/if}}
Flow: {{data.flow_name}} · step {{data.step_name}}
{{#if data.url}}Open the contact: {{data.url}}{{/if}}`,
  },
} satisfies Record<string, EmailTemplate>

export type SystemTemplateKey = keyof typeof SYSTEM_TEMPLATES
