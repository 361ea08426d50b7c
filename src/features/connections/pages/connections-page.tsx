import { PageHeader } from '../../../components/states.tsx'

// Placeholder while the page is being built; replaced by the feature's real page.
export default function Page() {
  return <PageHeader title="connections" />
}
