import { QueryClient } from "@tanstack/react-query"
import {
  contactQueryKeys,
  consentQueryKeys,
  segmentQueryKeys,
  templateQueryKeys,
} from "../query-key"

// The keys a page may hold, and which of them one record's key reaches.
const cached = (client: QueryClient) =>
  client
    .getQueryCache()
    .findAll()
    .map((query) => JSON.stringify(query.queryKey))
    .sort()

const fill = (client: QueryClient, keys: readonly (readonly unknown[])[]) => {
  for (const key of keys) {
    client.setQueryData(key, {})
  }
}

describe("query keys", () => {
  it("nests a segment's members under the segment, apart from other segments and lists", () => {
    const client = new QueryClient()
    fill(client, [
      segmentQueryKeys.detail("mseg_1"),
      segmentQueryKeys.members("mseg_1", { limit: 20 }),
      segmentQueryKeys.members("mseg_1", { limit: 20, offset: 20 }),
      segmentQueryKeys.detail("mseg_2"),
      segmentQueryKeys.members("mseg_2"),
      segmentQueryKeys.list({ q: "vip" }),
      segmentQueryKeys.ofContact("mcon_1"),
    ])

    client.removeQueries({ queryKey: segmentQueryKeys.one("mseg_1") })

    expect(cached(client)).toEqual(
      [
        segmentQueryKeys.detail("mseg_2"),
        segmentQueryKeys.members("mseg_2"),
        segmentQueryKeys.list({ q: "vip" }),
        segmentQueryKeys.ofContact("mcon_1"),
      ]
        .map((key) => JSON.stringify(key))
        .sort()
    )
  })

  it("keeps a record's detail key from reaching its sub-resources", () => {
    const client = new QueryClient()
    fill(client, [
      contactQueryKeys.detail("mcon_1"),
      contactQueryKeys.events("mcon_1", { limit: 20 }),
      consentQueryKeys.ofContact("mcon_1"),
    ])

    client.removeQueries({ queryKey: contactQueryKeys.detail("mcon_1") })
    expect(cached(client)).toHaveLength(2)

    client.removeQueries({ queryKey: contactQueryKeys.one("mcon_1") })
    expect(cached(client)).toEqual([])
  })

  it("reaches every key of a resource from `all`, and none of another's", () => {
    const client = new QueryClient()
    fill(client, [
      contactQueryKeys.events("mcon_1"),
      contactQueryKeys.consent("mcon_1"),
      templateQueryKeys.detail("mtpl_1"),
    ])

    client.removeQueries({ queryKey: contactQueryKeys.all })

    expect(cached(client)).toEqual([
      JSON.stringify(templateQueryKeys.detail("mtpl_1")),
    ])
  })
})
