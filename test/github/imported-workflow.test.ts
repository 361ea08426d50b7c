// An imported GitHub Actions workflow runs (issue 13): its jobs dispatch the workflow through the GitHub-workflow
// executor one after another, each naming its job (inputs.opzenix_job), each finished by its workflow_run webhook,
// and the environment job deploys to dev.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importWorkflow } from '../../src/features/pipelines/lib/actions-import.ts'
import { storedFromCode } from '../../src/features/pipelines/lib/graph-convert.ts'
import { DEMO, sql, type Client } from '../data-model/demo.ts'
import type { RecordingServer } from '../helpers/recording-server.ts'
import { DISPATCH, startDispatchProject, type DispatchProject } from './dispatch-project.ts'
import type { ProjectStack } from './project.ts'
import { deliver, workflowRun } from './webhook-client.ts'

const WORKFLOW = `name: Imported build
on:
  push:
    branches: [main]
jobs:
  build:
    runs-on: ubuntu-latest
    steps: [{ run: make }]
  unit-tests:
    needs: build
    runs-on: ubuntu-latest
    steps: [{ run: make test }]
  ship:
    needs: unit-tests
    runs-on: ubuntu-latest
    environment: dev
    steps: [{ run: ./deploy dev }]
`

let github: RecordingServer
let stack: ProjectStack
let admin: Client
let operator: Client
let hook: string
let secret: string

let project: DispatchProject
const until = <T>(what: string, read: () => Promise<T | undefined | null | false>) => project.until(what, read)
const nodeRow = async (executionId: string, nodeId: string) =>
  (await sql(stack, 'select status, output from public.execution_nodes where execution_id = $1 and node_id = $2', [executionId, nodeId]))[0]

beforeAll(async () => {
  project = await startDispatchProject()
  ;({ github, stack, admin, operator, hook, secret } = project)
}, 180_000)
afterAll(async () => { await project?.stop() })

describe('an imported workflow', () => {
  it('runs job by job through GitHub and deploys to dev', async () => {
    const imported = importWorkflow(WORKFLOW, { repository: 'acme/payments-api', workflowPath: '.github/workflows/build.yml', environments: [{ key: 'dev', required_approvals: 0 }] })
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors))
    const { pipeline } = imported
    const { data: flow, error } = await operator.from('flow_templates').insert({
      project_id: DEMO.project, name: pipeline.name, type: 'cicd', created_by: DEMO.users.operator,
      ...storedFromCode(pipeline),
    }).select('id').single()
    expect(error).toBeNull()
    const started = await operator.functions.invoke('pipeline-execute', { body: { flow_template_id: flow!.id } })
    expect(started.error).toBeNull()
    const executionId: string = started.data.execution_id

    for (const [job, runId] of [['build', 7001], ['unit-tests', 7002]] as const) {
      await until(`${job} to dispatch`, async () => (await nodeRow(executionId, job))?.output?.github_workflow?.state === 'dispatched')
      const dispatches = github.received(DISPATCH, 'POST').map((c) => JSON.parse(c.body)).filter((b) => b.inputs.opzenix_execution_id === executionId)
      expect(dispatches.at(-1)).toMatchObject({ ref: 'main', inputs: { opzenix_job: job, opzenix_node_id: job } })
      const sent = await deliver(hook, 'workflow_run', workflowRun('completed', { id: runId, name: executionId }), { secret })
      expect(sent.status).toBe(202)
      await until(`${job} to pass`, async () => (await nodeRow(executionId, job)).status === 'success')
    }
    const [run] = await until('the run to finish', async () => {
      const rows = await sql(stack, 'select status from public.executions where id = $1', [executionId])
      return ['success', 'failed'].includes(rows[0].status) && rows
    })
    expect(run.status).toBe('success')
    const deployments = await sql(stack, `select v.key from public.deployments d join public.environments v on v.id = d.environment_id where d.execution_id = $1`, [executionId])
    expect(deployments).toEqual([{ key: 'dev' }])
    expect(github.received(DISPATCH, 'POST').filter((c) => c.body.includes(executionId))).toHaveLength(2)
  }, 120_000)
})
