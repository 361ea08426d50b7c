import { NativeSelect } from '../../components/ui/input.tsx'
import { useWorkspace } from '../../lib/workspace.ts'

/** The organization (when the user belongs to several) and, within it, the project being looked at. */
export function ProjectSwitcher() {
  const { organizations, organization, setOrganization, projects, project, setProject } = useWorkspace()
  return (
    <>
      {organizations.length > 1 && <Switch label="Organization" value={organization?.id} options={organizations} onChange={setOrganization} />}
      {projects.length > 0 && <Switch label={organizations.length > 1 ? 'Project' : `${organization?.name} · project`} aria="Project" value={project?.id} options={projects} onChange={setProject} />}
    </>
  )
}

function Switch({ label, aria = label, value, options, onChange }: { label: string; aria?: string; value?: string; options: { id: string; name: string }[]; onChange(id: string): void }) {
  return (
    <label className="flex flex-col gap-1 text-xs text-muted-foreground">
      {label}
      <NativeSelect value={value} onChange={(e) => onChange(e.target.value)} aria-label={aria}>
        {options.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
      </NativeSelect>
    </label>
  )
}
