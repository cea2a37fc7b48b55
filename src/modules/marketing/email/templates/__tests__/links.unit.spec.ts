import { addOpenPixel, rewriteLinks } from ".."

const track = (url: string) => `https://t.test/c?u=${encodeURIComponent(url)}`

describe("rewriteLinks", () => {
  it("rewrites http(s) links whatever the attribute order and quoting", () => {
    const html = [
      '<a href="https://a.test/1">1</a>',
      "<a class='x' href='http://a.test/2' target=_blank>2</a>",
      "<A TARGET=\"_blank\" HREF=https://a.test/3>3</A>",
      '<a\n  style="color:red"\n  href = "https://a.test/4?x=1&amp;y=2" data-title="a > b">4</a>',
    ].join("")
    const out = rewriteLinks(html, track)
    expect(out).toContain(`<a href="${track("https://a.test/1").replace(/&/g, "&amp;")}">1</a>`)
    expect(out).toContain(`<a class='x' href="https://t.test/c?u=http%3A%2F%2Fa.test%2F2" target=_blank>2</a>`)
    expect(out).toContain(`<A TARGET="_blank" href="https://t.test/c?u=https%3A%2F%2Fa.test%2F3">3</A>`)
    // entities are decoded before the callback sees the URL; other attributes stay as they were
    expect(out).toContain(`href="https://t.test/c?u=${encodeURIComponent("https://a.test/4?x=1&y=2")}" data-title="a > b">4</a>`)
    expect(out).toContain('style="color:red"')
  })

  it("leaves mailto, tel, anchors, relative, unsubscribe and preferences links alone", () => {
    const html = [
      '<a href="mailto:a@b.test">m</a>',
      '<a href="tel:+331234">t</a>',
      '<a href="#top">a</a>',
      '<a href="/relative">r</a>',
      '<a name="x">n</a>',
      '<a href="https://s.test/unsub?t=1" data-link="unsubscribe">u</a>',
      '<a data-link="preferences" href="https://s.test/prefs">p</a>',
      '<a href="https://s.test/direct" data-no-track>d</a>',
      '<a data-href="https://x.test" href="https://s.test/kept">k</a>',
      '<abbr title="https://x.test">abbr</abbr>',
    ].join("")
    const seen: string[] = []
    const out = rewriteLinks(html, (url) => (seen.push(url), track(url)), { keep: ["https://s.test/kept"] })
    expect(out).toBe(html)
    expect(seen).toEqual([])
  })

  it("passes an index, and null keeps a link", () => {
    const html = '<a href="https://a.test/1">1</a><a href="https://a.test/2">2</a>'
    const out = rewriteLinks(html, (url, index) => (index === 0 ? null : `${url}?i=${index}`))
    expect(out).toBe('<a href="https://a.test/1">1</a><a href="https://a.test/2?i=1">2</a>')
  })

  it("escapes what the callback returns", () => {
    const out = rewriteLinks('<a href="https://a.test">x</a>', () => 'https://t.test/"><script>')
    expect(out).toBe('<a href="https://t.test/&quot;&gt;&lt;script&gt;">x</a>')
  })
})

describe("addOpenPixel", () => {
  it("goes before the last </body>", () => {
    const out = addOpenPixel("<html><body><p>x</p></BODY></html>", "https://t.test/o?id=1&s=2")
    expect(out).toMatch(/<p>x<\/p><img src="https:\/\/t\.test\/o\?id=1&amp;s=2" width="1" height="1" alt=""[^>]*\/><\/BODY><\/html>$/)
  })
  it("goes at the end without a body", () => {
    expect(addOpenPixel("<p>x</p>", "https://t.test/o")).toMatch(/^<p>x<\/p><img src="https:\/\/t\.test\/o"[^>]*\/>$/)
  })
})
