import { NativeSelect } from '../../components/ui/input.tsx'
import { useWorkspace } from '../../lib/workspace.ts'

export function ProjectSwitcher() {
  const { projects, project, setProject } = useWorkspace()
  if (projects.length === 0) return null
  return (
    <label className="flex flex-col gap-1 text-xs text-muted-foreground">
      Project
      <NativeSelect value={project?.id} onChange={(e) => setProject(e.target.value)} aria-label="Project">
        {projects.map((p) => <option key={p.id} value={p.id}>{p.organizationName} / {p.name}</option>)}
      </NativeSelect>
    </label>
  )
}
