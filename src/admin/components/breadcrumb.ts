/**
 * Route `handle` that gives a page a fixed breadcrumb label in the admin's
 * top bar (the dashboard reads `handle.breadcrumb(match)`).
 */
export const staticBreadcrumb = (label: string) => ({
  breadcrumb: () => label,
})
