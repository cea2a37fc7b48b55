import { sdk } from "./sdk"

/**
 * Downloads a file an admin route answers (CSV): fetched with the admin's
 * credentials (a plain link would not carry a bearer token), then saved
 * under `filename`.
 */
export async function downloadFile(path: string, filename: string, accept = "text/csv"): Promise<void> {
  const response = (await sdk.client.fetch<Response>(path, { headers: { accept } })) as Response
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement("a")
  link.href = url
  link.download = filename
  link.click()
  URL.revokeObjectURL(url)
}
