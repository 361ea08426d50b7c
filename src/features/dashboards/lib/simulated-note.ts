/**
 * The DORA page's sentence about simulated deployments in its window: the figures include them (dora_metrics
 * counts every finished deployment), so the page says how many there are, or that there are none.
 */
export function simulatedDeploymentsNote(simulated: number, where: string): string {
  if (simulated === 0) return `No simulated deployments in this window (${where}): every deployment counted was performed by a real executor.`
  const them = simulated === 1 ? '1 simulated deployment' : `${simulated} simulated deployments`
  return `These figures include ${them} (${where}): recorded by runs whose deploy step has no real executor, so nothing was actually deployed.`
}
