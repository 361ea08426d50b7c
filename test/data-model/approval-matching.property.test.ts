// Property: for random approval policies (roles, teams and named people overlapping, one or two levels) and
// random sequences of approve votes, after every vote the database says "approved" exactly when an independent
// model says the votes can satisfy the rules — the model checks Hall's condition over every set of rules
// instead of building a matching, so it shares nothing with the plpgsql matching it judges. A greedy
// assignment fails this (a vote parked on the wrong rule leaves a satisfiable request waiting).
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../helpers/stack.ts'
import { createMembers, DEMO, signIn, startProjectStack, type Client } from './demo.ts'

type Role = 'admin' | 'operator' | 'viewer'
type Group = { kind: 'role'; role: Role } | { kind: 'team'; team: 0 | 1 } | { kind: 'people'; people: number[] }
interface Rule { level: number; required: number; group: Group }

const ROLES: Role[] = ['admin', 'admin', 'operator', 'operator', 'viewer', 'viewer'] // voter i's organization role
const TEAMS = [[0, 2, 4], [1, 2, 5]] // voter indices in team 0 and team 1
const RANK: Record<Role, number> = { admin: 0, operator: 1, viewer: 2 } // role or stronger

let stack: TestStack
let service: Client
let admin: Client
let voters: Array<{ id: string; client: Client }>
let teamIds: string[]
let environmentId: string
let runId: string
let gates = 0

function inGroup(voter: number, group: Group): boolean {
  switch (group.kind) {
    case 'role': return RANK[ROLES[voter]] <= RANK[group.role]
    case 'team': return TEAMS[group.team].includes(voter)
    case 'people': return group.people.includes(voter)
  }
}

/** Hall's theorem for rule slots: every set of rules has at least as many distinct eligible voters as it needs. */
function satisfiable(rules: Rule[], votes: number[]): boolean {
  for (let mask = 1; mask < 1 << rules.length; mask++) {
    const chosen = rules.filter((_, i) => mask & (1 << i))
    const need = chosen.reduce((sum, r) => sum + r.required, 0)
    const have = votes.filter((v) => chosen.some((r) => inGroup(v, r.group))).length
    if (have < need) return false
  }
  return true
}

const group: fc.Arbitrary<Group> = fc.oneof(
  fc.constantFrom<Role>('admin', 'operator', 'viewer').map((role): Group => ({ kind: 'role', role })),
  fc.constantFrom<0 | 1>(0, 1).map((team): Group => ({ kind: 'team', team })),
  fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 4 }).map((people): Group => ({ kind: 'people', people })),
)
// Mostly small rules, so that many scenarios end approved and the interesting ones (overlap decides) are common.
const rule = fc.record({ level: fc.integer({ min: 1, max: 2 }), required: fc.oneof(fc.constant(1), fc.constant(1), fc.integer({ min: 1, max: 3 })), group })
  .map((r) => (r.group.kind === 'people' ? { ...r, required: Math.min(r.required, r.group.people.length) } : r))
const scenario = fc.record({
  rules: fc.array(rule, { minLength: 1, maxLength: 3 })
    // Levels are numbered without gaps: with only level-2 rules, they are level 1.
    .map((rules) => (rules.some((r) => r.level === 1) ? rules : rules.map((r) => ({ ...r, level: 1 })))),
  votes: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 6 }),
})

function asPolicy(rules: Rule[]) {
  return {
    rules: rules.map((r) => ({
      level: r.level, required: r.required,
      ...(r.group.kind === 'role' ? { role: r.group.role } : r.group.kind === 'team' ? { team_id: teamIds[r.group.team] } : { user_ids: r.group.people.map((p) => voters[p].id) }),
    })),
  }
}

beforeAll(async () => {
  stack = await startProjectStack()
  service = stack.service()
  admin = await signIn(stack, 'admin@opzenix.dev')
  const people = [
    ...await createMembers(stack, 'prop-admin', 2, DEMO.acme, 'admin'),
    ...await createMembers(stack, 'prop-operator', 2, DEMO.acme, 'operator'),
    ...await createMembers(stack, 'prop-viewer', 2, DEMO.acme, 'viewer'),
  ]
  voters = await Promise.all(people.map(async (p) => ({ id: p.id, client: await signIn(stack, p.email) })))
  teamIds = []
  for (const [i, members] of TEAMS.entries()) {
    const { data } = await service.from('teams').insert({ organization_id: DEMO.acme, name: `Property team ${i}` }).select('id').single()
    teamIds.push(data!.id)
    await service.from('team_members').insert(members.map((m) => ({ team_id: data!.id, organization_id: DEMO.acme, user_id: voters[m].id })))
  }
  const { data: env } = await service.from('environments').insert({
    project_id: DEMO.project, key: 'property', display_name: 'Property', tier: 'production', position: 900,
  }).select('id').single()
  environmentId = env!.id
  const { data: run } = await service.from('executions').insert({ project_id: DEMO.project, name: 'property run', started_by: DEMO.users.operator }).select('id').single()
  runId = run!.id
}, 180_000)
afterAll(async () => { await stack?.stop() })

describe('approval matching (property)', () => {
  it('approves exactly when the votes cast can satisfy the rules, level by level, whatever the order and overlap', async () => {
    const outcomes = { approved: 0, pending: 0, secondLevel: 0 }
    await fc.assert(fc.asyncProperty(scenario, async ({ rules, votes }) => {
      const { error: saveError } = await admin.rpc('save_approval_policy', { _environment_id: environmentId, _policy: asPolicy(rules), _reason: 'property' })
      expect(saveError).toBeNull()
      const { data: request, error } = await service.from('approval_requests')
        .insert({ execution_id: runId, node_id: `gate-${++gates}`, environment_id: environmentId }).select('id').single()
      expect(error).toBeNull()

      const last = Math.max(...rules.map((r) => r.level))
      let level = 1
      let approved = false
      let counted: number[] = []
      for (const voter of votes) {
        const { error: voteError } = await voters[voter].client.from('approval_votes').insert({ approval_request_id: request!.id, vote: 'approve' })
        const here = rules.filter((r) => r.level === level)
        if (approved) {
          expect(voteError?.message).toMatch(/already approved/)
        } else if (!here.some((r) => inGroup(voter, r.group))) {
          expect(voteError?.message).toMatch(/not in any group|opens once level|earlier level/)
        } else {
          expect(voteError).toBeNull()
          counted.push(voter)
          if (satisfiable(here, counted)) {
            if (level === last) approved = true
            else { level += 1; counted = [] }
          }
        }
        const { data } = await service.from('approval_requests').select('status, current_level').eq('id', request!.id).single()
        expect(data).toEqual({ status: approved ? 'approved' : 'pending', current_level: level })
      }
      outcomes[approved ? 'approved' : 'pending'] += 1
      if (level > 1) outcomes.secondLevel += 1
    }), { numRuns: 150 })
    // The generator must reach both answers and the second level often, or the property proves little.
    expect(outcomes.approved).toBeGreaterThan(30)
    expect(outcomes.pending).toBeGreaterThan(30)
    expect(outcomes.secondLevel).toBeGreaterThan(10)
  }, 600_000)
})
