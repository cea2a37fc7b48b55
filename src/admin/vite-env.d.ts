// Globals the Medusa admin bundler (@medusajs/admin-bundler) defines at build time.
declare const __BACKEND_URL__: string | undefined
declare const __AUTH_TYPE__: "session" | "jwt" | undefined
declare const __JWT_TOKEN_STORAGE_KEY__: string | undefined

// A stylesheet as a string (Vite's `?inline`): the canvas library's CSS,
// rendered in a <style> so it ships inside the plugin's admin bundle.
declare module "*.css?inline" {
  const css: string
  export default css
}

// A file's text (Vite's `?raw`): the storefront tracker, so the forms preview
// runs the very renderer shoppers get.
declare module "*.js?raw" {
  const source: string
  export default source
}
