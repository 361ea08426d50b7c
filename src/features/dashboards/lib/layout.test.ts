import { describe, expect, it } from 'vitest'
import { addWidget, availableWidgets, DEFAULT_LAYOUT, moveWidget, moveWidgetTo, parseLayout, removeWidget, toStoredLayout } from './layout.ts'
import { WIDGET_IDS } from './widgets.ts'

describe('dashboard layout', () => {
  it('reads the seed\'s grid items in reading order, mapping old names and dropping unknown ones', () => {
    const stored = [
      { i: 'executions', x: 0, y: 4, w: 12, h: 6 },
      { i: 'change_failure_rate', x: 6, y: 0, w: 6, h: 4 },
      { i: 'deploy_frequency', x: 0, y: 0, w: 6, h: 4 },
      { i: 'no_such_widget', x: 0, y: 9, w: 6, h: 4 },
      { i: 'executions_by_status', x: 6, y: 9, w: 6, h: 4 }, // the same widget as "executions"
    ]
    expect(parseLayout(stored)).toEqual(['deploy_frequency', 'change_failure_rate', 'executions_by_status'])
    expect(parseLayout(['success_rate', 'success_rate', 7])).toEqual(['success_rate'])
    expect(parseLayout(null)).toEqual([])
    expect(parseLayout({})).toEqual([])
  })

  it('stores wide widgets on a row of their own and round-trips', () => {
    const stored = toStoredLayout(['success_rate', 'duration_trend', 'approvals_waiting', 'connection_health'])
    expect(stored).toEqual([
      { i: 'success_rate', x: 0, y: 0, w: 6, h: 4 },
      { i: 'duration_trend', x: 0, y: 4, w: 12, h: 4 }, // does not fit beside success_rate
      { i: 'approvals_waiting', x: 0, y: 8, w: 6, h: 4 },
      { i: 'connection_health', x: 6, y: 8, w: 6, h: 4 },
    ])
    expect(parseLayout(stored)).toEqual(['success_rate', 'duration_trend', 'approvals_waiting', 'connection_health'])
    expect(parseLayout(toStoredLayout(DEFAULT_LAYOUT))).toEqual(DEFAULT_LAYOUT)
  })

  it('moves a widget left and right, not past either end', () => {
    const l = ['success_rate', 'approvals_waiting', 'connection_health'] as const
    expect(moveWidget([...l], 'approvals_waiting', -1)).toEqual(['approvals_waiting', 'success_rate', 'connection_health'])
    expect(moveWidget([...l], 'approvals_waiting', 1)).toEqual(['success_rate', 'connection_health', 'approvals_waiting'])
    expect(moveWidget([...l], 'success_rate', -1)).toEqual(l)
    expect(moveWidget([...l], 'connection_health', 1)).toEqual(l)
  })

  it('drops a dragged widget in the target\'s place', () => {
    const l = ['success_rate', 'approvals_waiting', 'connection_health', 'duration_trend'] as const
    expect(moveWidgetTo([...l], 'duration_trend', 'approvals_waiting')).toEqual(['success_rate', 'duration_trend', 'approvals_waiting', 'connection_health'])
    expect(moveWidgetTo([...l], 'success_rate', 'connection_health')).toEqual(['approvals_waiting', 'connection_health', 'success_rate', 'duration_trend'])
    expect(moveWidgetTo([...l], 'success_rate', 'success_rate')).toEqual(l)
  })

  it('adds from the catalog once, removes, and lists what is left to add', () => {
    const added = addWidget(['success_rate'], 'deploy_frequency')
    expect(added).toEqual(['success_rate', 'deploy_frequency'])
    expect(addWidget(added, 'success_rate')).toEqual(added)
    expect(removeWidget(added, 'success_rate')).toEqual(['deploy_frequency'])
    expect(availableWidgets(DEFAULT_LAYOUT)).toEqual(['deploy_frequency', 'change_failure_rate'])
    expect(availableWidgets([])).toEqual(WIDGET_IDS)
  })

  it('defaults to the six core widgets, each once', () => {
    expect(new Set(DEFAULT_LAYOUT).size).toBe(6)
    expect(DEFAULT_LAYOUT).toEqual(expect.arrayContaining(['executions_by_status', 'success_rate', 'duration_trend',
      'deployments_per_environment', 'approvals_waiting', 'connection_health']))
  })
})
