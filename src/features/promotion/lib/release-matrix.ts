// Shapes release_matrix rows (one per project and environment) into a projects × environments table. Columns
// are environment keys in chain order: a key's place is its earliest position in any project, ties by name,
// so dev → uat → staging → preprod → prod reads left to right even when projects have different chains.

export interface MatrixRow {
  project_id: string
  project_name: string
  environment_id: string
  environment_key: string
  environment_name: string
  environment_position: number
  version_tag: string | null
  commit_sha: string | null
  deployed_at: string | null
  promoted: boolean
  behind_by: number | null
}

export type MatrixCell = Pick<MatrixRow, 'environment_id' | 'environment_name' | 'version_tag' | 'commit_sha' | 'deployed_at' | 'promoted' | 'behind_by'>

export interface ReleaseMatrix {
  columns: string[]
  projects: { id: string; name: string; cells: Map<string, MatrixCell> }[]
}

export function toMatrix(rows: readonly MatrixRow[]): ReleaseMatrix {
  const place = new Map<string, number>()
  for (const r of rows) place.set(r.environment_key, Math.min(place.get(r.environment_key) ?? Infinity, r.environment_position))
  const columns = [...place.keys()].sort((a, b) => place.get(a)! - place.get(b)! || a.localeCompare(b))
  const projects = new Map<string, ReleaseMatrix['projects'][number]>()
  for (const r of rows) {
    const project = projects.get(r.project_id) ?? { id: r.project_id, name: r.project_name, cells: new Map() }
    project.cells.set(r.environment_key, {
      environment_id: r.environment_id, environment_name: r.environment_name, version_tag: r.version_tag,
      commit_sha: r.commit_sha, deployed_at: r.deployed_at, promoted: r.promoted, behind_by: r.behind_by,
    })
    projects.set(r.project_id, project)
  }
  return { columns, projects: [...projects.values()].sort((a, b) => a.name.localeCompare(b.name)) }
}
