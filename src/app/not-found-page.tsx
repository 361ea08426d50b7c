import { Link } from 'react-router'
import { EmptyState } from '../components/states.tsx'

export default function NotFoundPage() {
  return <EmptyState title="There is no page here" description="The link may be old, or the page moved." action={<Link className="text-sm text-primary underline" to="/">Go to the control tower</Link>} />
}
