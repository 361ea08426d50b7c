import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalEdges, fromCode, toCode, type CodePipeline } from './pipeline-yaml.ts'

const KINDS = ['source', 'build', 'test', 'deploy', 'approval', 'rollback', 'notify', 'not_a_kind_yet']

// Any JSON value a config may hold (no -0: JSON has none either; no "__proto__" key: refused, see below).
const key = fc.string().filter((k) => k !== '__proto__')
const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(), fc.boolean(), fc.constant(null), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(key, tie('value'), { maxKeys: 3 }),
  ),
})).value

const pipelineArb: fc.Arbitrary<CodePipeline> = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 8 }).chain((ids) => fc.record({
  name: fc.string(),
  type: fc.constantFrom('cicd', 'mlops', 'llmops', 'infrastructure', 'security'),
  nodes: fc.tuple(...ids.map((id) => fc.record({
    id: fc.constant(id),
    kind: fc.constantFrom(...KINDS),
    label: fc.option(fc.string(), { nil: undefined }),
    position: fc.record({ x: fc.integer({ min: -5000, max: 5000 }), y: fc.integer({ min: -5000, max: 5000 }) }),
    config: fc.dictionary(key, json, { maxKeys: 4 }),
  }, { requiredKeys: ['id', 'kind', 'position', 'config'] }))),
  edges: fc.uniqueArray(
    fc.record({ source: fc.constantFrom(...ids), target: fc.constantFrom(...ids), on: fc.constantFrom('success' as const, 'failure' as const, 'always' as const) }),
    { selector: (e) => `${e.source}\u0000${e.target}`, maxLength: 12 },
  ).map((edges) => edges.filter((e) => e.source !== e.target)),
}))

const withCanonicalEdges = (p: CodePipeline) => ({ ...p, edges: canonicalEdges(p) })

describe('pipeline code', () => {
  it('graph → YAML → graph is the same graph (edges in the order the code lists them), for any graph', () => {
    fc.assert(fc.property(pipelineArb, (pipeline) => {
      const read = fromCode(toCode(pipeline))
      expect(read).toEqual({ ok: true, pipeline: withCanonicalEdges(pipeline) })
    }), { numRuns: 300 })
  })

  it('graph → JSON → graph is the same graph too', () => {
    fc.assert(fc.property(pipelineArb, (pipeline) => {
      expect(fromCode(toCode(pipeline, 'json'))).toEqual({ ok: true, pipeline: withCanonicalEdges(pipeline) })
    }), { numRuns: 100 })
  })

  it('writes needs beside each node, positions on one line', () => {
    const code = toCode({
      name: 'API', type: 'cicd',
      nodes: [
        { id: 'src', kind: 'source', label: 'Checkout', position: { x: 0, y: 0 }, config: { repository: 'acme/api' } },
        { id: 'build', kind: 'build', position: { x: 220, y: 0 }, config: {} },
        { id: 'undo', kind: 'rollback', position: { x: 440, y: 110 }, config: { environment: 'dev' } },
      ],
      edges: [{ source: 'src', target: 'build', on: 'success' }, { source: 'build', target: 'undo', on: 'failure' }],
    })
    expect(code).toBe([
      'name: API', 'type: cicd', 'nodes:',
      '  - id: src', '    kind: source', '    label: Checkout', '    at: [ 0, 0 ]', '    config:', '      repository: acme/api',
      '  - id: build', '    kind: build', '    at: [ 220, 0 ]', '    needs: [ src ]', '    config: {}',
      '  - id: undo', '    kind: rollback', '    at: [ 440, 110 ]', '    needs:', '      - build: failure', '    config:', '      environment: dev',
      '',
    ].join('\n'))
  })

  it('reads anchors, flow style and comments as YAML allows', () => {
    const read = fromCode(`# shared executor
name: Flow
type: cicd
defaults: &sim { executor: { type: simulated, duration_ms: 10 } }
nodes:
  - { id: a, kind: source, at: [0, 0] }
  - id: b
    kind: build
    at: [1, 2]
    needs: [a]
    config: *sim
`)
    expect(read.ok).toBe(false)
    // Unknown top-level keys are refused by name, not dropped.
    expect(read.ok ? [] : read.errors).toEqual([{ line: 4, message: 'the document: unknown field "defaults" (the fields are name, type, nodes)' }])
    const shared = fromCode('name: Flow\ntype: cicd\nnodes:\n  - { id: a, kind: source, at: [0, 0], config: &sim { executor: { type: simulated } } }\n  - id: b\n    kind: build\n    at: [1, 2]\n    needs: [a]\n    config: *sim\n')
    expect(shared.ok && shared.pipeline.nodes[1]).toMatchObject({ id: 'b', config: { executor: { type: 'simulated' } } })
    expect(shared.ok && shared.pipeline.edges).toEqual([{ source: 'a', target: 'b', on: 'success' }])
  })

  it('refuses "__proto__" as a key instead of losing it', () => {
    expect(fromCode('name: x\ntype: cicd\nnodes:\n  - id: a\n    kind: source\n    at: [0, 0]\n    config:\n      __proto__: 1\n')).toEqual({
      ok: false, errors: [{ line: 8, message: '"__proto__" cannot be a key' }],
    })
  })

  it('points at the line of each problem', () => {
    const lines = (text: string) => { const r = fromCode(text); return r.ok ? [] : r.errors }
    expect(lines('name: x\ntype: cicd\nnodes:\n  - id: a\n    kind: source\n    at: [0, oops]\n')).toEqual([
      { line: 6, message: expect.stringContaining('nodes.0.at.1') },
    ])
    expect(lines('name: x\ntype: cicd\nnodes:\n  - id: a\n    kind: source\n    at: [0, 0]\n  - id: b\n    kind: build\n    at: [1, 1]\n    needs: [a, ghost]\n')).toEqual([
      { line: 10, message: '"b" needs "ghost", which is not a node of this pipeline' },
    ])
    expect(lines('name: x\ntype: cicd\nnodes:\n  - id: a\n    kind: source\n    at: [0, 0]\n  - id: a\n    kind: build\n    at: [1, 1]\n')).toEqual([
      { line: 7, message: 'Two nodes have the id "a"' },
    ])
    const syntax = lines('name: x\ntype: cicd\nnodes:\n  - id: a\n   kind: source\n')
    expect(syntax[0]!.line).toBe(5)
    expect(lines('name: x\nname: y\ntype: cicd\nnodes: []\n')[0]).toMatchObject({ line: 2 })
  })
})
