// The scoring charts' number formats: one format for the whole admin. (The
// charts themselves draw with recharts through components/charts.)
export { contactsLabel, formatCount } from "../../../../lib/format"
