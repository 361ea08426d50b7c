import { EmptyState, PageHeader } from '../../components/states.tsx'

// Placeholder while the control tower home is being built (issue 4).
export default function HomePage() {
  return (
    <>
      <PageHeader title="Control tower" />
      <EmptyState title="Not built yet" />
    </>
  )
}
