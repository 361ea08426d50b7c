/** owner/name from a project's GitHub URL, else the project's name (what a run's source step names). */
export function repositoryOf(project: { name: string; github_repo_url: string | null }): string {
  const match = project.github_repo_url?.match(/github\.com[/:]([^/]+\/[^/.]+)/)
  return match?.[1] ?? project.name
}
