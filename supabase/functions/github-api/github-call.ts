import { githubFailure } from '../_shared/connections/github.ts'
import { HttpError } from '../_shared/http.ts'

/** Runs one GitHub call; its failure becomes the shared error shape (GitHub's 404 stays 404, outages are 502). */
export async function github<T>(call: () => Promise<{ data: T }>, what: string): Promise<T> {
  try {
    return (await call()).data
  } catch (error) {
    const failed = githubFailure(error, what)
    const status = (failed.details?.http_status as number | undefined) ?? 502
    throw new HttpError(status === 401 || status >= 500 ? 502 : status, 'github_error', failed.message, failed.details)
  }
}
