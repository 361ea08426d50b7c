import { describe, expect, it } from 'vitest'
import { doraBand, emptyReason, formatDora, formatDoraTick } from './dora.ts'

describe('DORA bands', () => {
  it('bands deployment frequency per day: daily, weekly, monthly', () => {
    expect(doraBand('deployment_frequency', 3)?.band).toBe('elite')
    expect(doraBand('deployment_frequency', 1)?.band).toBe('elite')
    expect(doraBand('deployment_frequency', 0.5)?.band).toBe('high')
    expect(doraBand('deployment_frequency', 1 / 7)?.band).toBe('high')
    expect(doraBand('deployment_frequency', 0.1)?.band).toBe('medium')
    expect(doraBand('deployment_frequency', 0)?.band).toBe('low')
  })

  it('bands lead time and recovery time with lower being better', () => {
    expect(doraBand('change_lead_time', 3600)).toEqual({ band: 'elite', range: 'under a day' })
    expect(doraBand('change_lead_time', 86_400)?.band).toBe('high')
    expect(doraBand('change_lead_time', 10 * 86_400)?.band).toBe('medium')
    expect(doraBand('change_lead_time', 40 * 86_400)?.band).toBe('low')
    expect(doraBand('failed_deployment_recovery_time', 1800)?.band).toBe('elite')
    expect(doraBand('failed_deployment_recovery_time', 7200)?.band).toBe('high')
    expect(doraBand('failed_deployment_recovery_time', 3 * 86_400)?.band).toBe('medium')
    expect(doraBand('failed_deployment_recovery_time', 8 * 86_400)?.band).toBe('low')
  })

  it('bands change fail rate at 5, 10 and 15 percent inclusive', () => {
    expect(doraBand('change_fail_rate', 0.05)?.band).toBe('elite')
    expect(doraBand('change_fail_rate', 0.1)?.band).toBe('high')
    expect(doraBand('change_fail_rate', 0.125)?.band).toBe('medium')
    expect(doraBand('change_fail_rate', 0.5)?.band).toBe('low')
  })

  it('gives no band for rework rate or a missing figure', () => {
    expect(doraBand('deployment_rework_rate', 0.2)).toBeNull()
    expect(doraBand('change_lead_time', null)).toBeNull()
  })
})

describe('DORA figures as text', () => {
  it('reads per-day, ratio and seconds units', () => {
    expect(formatDora('per_day', 2.345)).toBe('2.3 per day')
    expect(formatDora('per_day', 0.2)).toBe('1.4 per week')
    expect(formatDora('per_day', 0)).toBe('0 per day')
    expect(formatDora('ratio', 0.125)).toBe('12.5%')
    expect(formatDora('seconds', 45)).toBe('45 s')
    expect(formatDora('seconds', 5400)).toBe('1 h 30 min')
    expect(formatDora('seconds', 3 * 86_400)).toBe('3 days')
    expect(formatDora('seconds', null)).toBe('—')
  })

  it('keeps axis ticks short', () => {
    expect([formatDoraTick('ratio', 0.26), formatDoraTick('seconds', 1980), formatDoraTick('seconds', 4000), formatDoraTick('per_day', 2)])
      .toEqual(['26%', '33m', '1.1h', '2/d'])
  })

  it('names the environment in empty states', () => {
    expect(emptyReason('deployment_frequency', 'prod')).toBe('No finished deployments to prod in this window.')
  })
})
