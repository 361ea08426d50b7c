import { isRouteErrorResponse, Link, useRouteError } from 'react-router'
import { ErrorState } from '../components/states.tsx'

export function RouteError() {
  const error = useRouteError()
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error
  return (
    <div className="mx-auto flex max-w-lg flex-col gap-4 py-16">
      <ErrorState error={message} onRetry={() => location.reload()} />
      <Link to="/" className="text-sm text-primary underline">Back to the control tower</Link>
    </div>
  )
}
