import { EmptyState, PageHeader } from '../../../components/states.tsx'

// Placeholder while this page is being built (issue 4).
export default function Page() {
  return (
    <>
      <PageHeader title="Control tower" />
      <EmptyState title="Not built yet" />
    </>
  )
}
