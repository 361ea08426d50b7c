// Facts about each tool as its own documentation describes it; plan names where a feature is not in the free tier.
const TOOLS = ['Opzenix', 'GitHub Environments', 'Argo CD', 'GitLab CI/CD'] as const

const ROWS: { topic: string; cells: Record<(typeof TOOLS)[number], string> }[] = [
  {
    topic: 'What it is',
    cells: {
      Opzenix: 'A control tower over pipelines and environments, on Supabase',
      'GitHub Environments': 'Deployment targets for GitHub Actions workflows',
      'Argo CD': 'GitOps delivery: keeps Kubernetes in sync with Git',
      'GitLab CI/CD': 'Pipelines and environments inside GitLab',
    },
  },
  {
    topic: 'Approval before a deploy',
    cells: {
      Opzenix: 'N votes or levels per environment, checked in SQL',
      'GitHub Environments': 'Required reviewers (plan-dependent for private repositories)',
      'Argo CD': 'None built in; review happens in Git pull requests',
      'GitLab CI/CD': 'Deployment approvals on protected environments (Premium)',
    },
  },
  {
    topic: 'Stop deploys for a while',
    cells: {
      Opzenix: 'Environment locks, freeze windows, break-glass by two admins',
      'GitHub Environments': 'Wait timers and branch rules; no freeze calendar',
      'Argo CD': 'Sync windows (allow or deny on a schedule)',
      'GitLab CI/CD': 'Deploy freezes',
    },
  },
  {
    topic: 'Rollback',
    cells: {
      Opzenix: 'One action to an earlier version, with a reason, audited',
      'GitHub Environments': 'Re-run an earlier workflow run',
      'Argo CD': 'Roll back to an earlier synced revision',
      'GitLab CI/CD': 'Re-deploy an earlier deployment',
    },
  },
  {
    topic: 'Runs your builds',
    cells: {
      Opzenix: 'No: dispatches GitHub Actions, or simulates steps for demos',
      'GitHub Environments': 'Yes (GitHub Actions)',
      'Argo CD': 'No (CD only)',
      'GitLab CI/CD': 'Yes (GitLab runners)',
    },
  },
]

export function Comparison() {
  return (
    <section id="compare" aria-labelledby="compare-title" className="flex flex-col gap-4">
      <h2 id="compare-title" className="text-2xl font-semibold">How it compares</h2>
      <p className="max-w-3xl text-muted-foreground">
        Opzenix is young. It does not replace a build system or a GitOps agent; it governs what they deploy.
      </p>
      {/* The table scrolls inside its own box on a phone, so the page itself never scrolls sideways. */}
      <div className="overflow-x-auto rounded-lg border bg-card" role="region" aria-labelledby="compare-title" tabIndex={0}>
        <table className="w-full min-w-[44rem] border-collapse text-left text-sm">
          <thead>
            <tr className="border-b">
              <th scope="col" className="p-3"><span className="sr-only">Topic</span></th>
              {TOOLS.map((tool) => <th key={tool} scope="col" className="p-3 font-semibold">{tool}</th>)}
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => (
              <tr key={row.topic} className="border-b last:border-0">
                <th scope="row" className="p-3 font-medium">{row.topic}</th>
                {TOOLS.map((tool) => <td key={tool} className="p-3 align-top text-muted-foreground">{row.cells[tool]}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
