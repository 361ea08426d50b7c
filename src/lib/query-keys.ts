/**
 * The one query-key factory. Keys are hierarchical, so invalidating a prefix (e.g. `queryKeys.executions.all`)
 * refreshes everything under it.
 */
export const queryKeys = {
  workspace: {
    all: ['workspace'] as const,
    memberships: (userId: string) => ['workspace', 'memberships', userId] as const,
    preferences: (userId: string) => ['workspace', 'preferences', userId] as const,
    profile: (userId: string) => ['workspace', 'profile', userId] as const,
  },
  pipelines: {
    all: ['pipelines'] as const,
    list: (projectId: string) => ['pipelines', 'list', projectId] as const,
    detail: (id: string) => ['pipelines', 'detail', id] as const,
    page: (projectId: string, search: string, page: number) => ['pipelines', 'list', projectId, search, page] as const,
    environmentRules: (projectId: string) => ['pipelines', 'environment-rules', projectId] as const,
  },
  executions: {
    all: ['executions'] as const,
    lists: (projectId: string) => ['executions', 'list', projectId] as const,
    list: (projectId: string, filter?: string) => ['executions', 'list', projectId, filter ?? 'all'] as const,
    detail: (id: string) => ['executions', 'detail', id] as const,
    nodes: (id: string) => ['executions', 'nodes', id] as const,
    events: (id: string) => ['executions', 'events', id] as const,
    logs: (id: string, nodeId: string) => ['executions', 'logs', id, nodeId] as const,
    checkpoints: (id: string) => ['executions', 'checkpoints', id] as const,
    approvals: (id: string) => ['executions', 'approvals', id] as const,
    environments: (projectId: string) => ['executions', 'environments', projectId] as const,
  },
  approvals: {
    all: ['approvals'] as const,
    list: (projectId: string, status?: string) => ['approvals', 'list', projectId, status ?? 'all'] as const,
    detail: (id: string) => ['approvals', 'detail', id] as const,
    pending: (projectId: string) => ['approvals', 'list', projectId, 'pending'] as const,
    decided: (projectId: string, page: number) => ['approvals', 'list', projectId, 'decided', page] as const,
  },
  environments: {
    all: ['environments'] as const,
    board: (projectId: string) => ['environments', 'board', projectId] as const,
    detail: (projectId: string, key: string) => ['environments', 'detail', projectId, key] as const,
    versions: (environmentId: string) => ['environments', 'versions', environmentId] as const,
    history: (environmentId: string, page: number) => ['environments', 'versions', environmentId, page] as const,
  },
  deployments: {
    all: ['deployments'] as const,
    recent: (projectId: string) => ['deployments', 'recent', projectId] as const,
  },
  activity: {
    all: ['activity'] as const,
    feed: (projectId: string) => ['activity', 'feed', projectId] as const,
    incidents: (projectId: string) => ['activity', 'incidents', projectId] as const,
    incidentsPage: (projectId: string, page: number) => ['activity', 'incidents', projectId, page] as const,
  },
  kpis: {
    all: ['kpis'] as const,
    home: (projectId: string) => ['kpis', 'home', projectId] as const,
    runsPerDay: (projectId: string, timeZone: string) => ['kpis', 'runs-per-day', projectId, timeZone] as const,
  },
  audit: {
    all: ['audit'] as const,
    list: (orgId: string, page: number) => ['audit', 'list', orgId, page] as const,
    filtered: (orgId: string, action: string, resource: string, page: number) => ['audit', 'list', orgId, action, resource, page] as const,
    facets: (orgId: string) => ['audit', 'facets', orgId] as const,
  },
  connections: {
    all: ['connections'] as const,
    list: (orgId: string, type: string, page: number) => ['connections', 'list', orgId, type, page] as const,
    statuses: (orgId: string) => ['connections', 'statuses', orgId] as const,
    detail: (id: string) => ['connections', 'detail', id] as const,
    history: (id: string) => ['connections', 'history', id] as const,
    events: (id: string, page: number) => ['connections', 'events', id, page] as const,
  },
  dashboards: {
    all: ['dashboards'] as const,
    figures: (projectId: string, days: number, timeZone: string) => ['dashboards', 'figures', projectId, days, timeZone] as const,
    layout: (userId: string, projectId: string) => ['dashboards', 'layout', userId, projectId] as const,
    environments: (projectId: string) => ['dashboards', 'environments', projectId] as const,
    dora: (projectId: string, environmentId: string, from: string, to: string) => ['dashboards', 'dora', projectId, environmentId, from, to] as const,
    doraSeries: (projectId: string, environmentId: string, from: string, to: string, bucket: string) =>
      ['dashboards', 'dora-series', projectId, environmentId, from, to, bucket] as const,
  },
  telemetry: {
    all: ['telemetry'] as const,
    signals: (projectId: string) => ['telemetry', 'signals', projectId] as const,
    signalPage: (projectId: string, filter: string, page: number) => ['telemetry', 'signals', projectId, filter, page] as const,
    trace: (projectId: string, traceId: string) => ['telemetry', 'trace', projectId, traceId] as const,
    facets: (projectId: string, window: string) => ['telemetry', 'facets', projectId, window] as const,
    metricSeries: (projectId: string, name: string, window: string) => ['telemetry', 'metric-series', projectId, name, window] as const,
  },
  settings: {
    all: ['settings'] as const,
    integrations: (projectId: string) => ['settings', 'integrations', projectId] as const,
    webhook: (integrationId: string) => ['settings', 'webhook', integrationId] as const,
    deliveries: (integrationId: string) => ['settings', 'deliveries', integrationId] as const,
    deliveriesPage: (integrationId: string, page: number) => ['settings', 'deliveries', integrationId, page] as const,
    token: (orgId: string) => ['settings', 'token', orgId] as const,
    mappings: (projectId: string) => ['settings', 'mappings', projectId] as const,
    mappingOptions: (projectId: string) => ['settings', 'mapping-options', projectId] as const,
  },
} as const
