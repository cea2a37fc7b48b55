export { ActivitySummary } from "./activity-summary"
export { ConsentSummary } from "./consent-summary"
export { RecentEvents, RECENT_EVENTS_LIMIT } from "./recent-events"
export { ProfileRow, ProfileSubsection } from "./profile-subsection"
