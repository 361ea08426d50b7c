import { describe, expect, it } from 'vitest'
import { toMatrix, type MatrixRow } from './release-matrix.ts'

const row = (project: string, key: string, position: number, version: string | null = null): MatrixRow => ({
  project_id: project, project_name: project, environment_id: `${project}-${key}`, environment_key: key, environment_name: key,
  environment_position: position, version_tag: version, commit_sha: null, deployed_at: null, promoted: false, behind_by: null,
})

describe('toMatrix', () => {
  it('orders columns by each key\'s earliest place in any chain, so different chains still read dev → prod', () => {
    const matrix = toMatrix([
      row('payments', 'dev', 0), row('payments', 'staging', 1), row('payments', 'prod', 2),
      row('ledger', 'dev', 0), row('ledger', 'qa', 1), row('ledger', 'staging', 2), row('ledger', 'prod', 3),
    ])
    expect(matrix.columns).toEqual(['dev', 'qa', 'staging', 'prod'])
  })

  it('puts one row per project, sorted by name, with a cell per environment it has and none for the others', () => {
    const matrix = toMatrix([row('payments', 'dev', 0, '1.2.0'), row('ledger', 'dev', 0), row('ledger', 'qa', 1, '0.9.1')])
    expect(matrix.projects.map((p) => p.name)).toEqual(['ledger', 'payments'])
    const payments = matrix.projects[1]
    expect(payments.cells.get('dev')?.version_tag).toBe('1.2.0')
    expect(payments.cells.has('qa')).toBe(false)
    expect(matrix.projects[0].cells.get('dev')?.version_tag).toBeNull()
  })

  it('is empty for an organization without projects', () => {
    expect(toMatrix([])).toEqual({ columns: [], projects: [] })
  })
})
