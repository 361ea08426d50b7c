import { isWidgetId, WIDGET_ALIASES, WIDGET_IDS, WIDGETS, type WidgetId } from './widgets.ts'

/**
 * A dashboard layout is an ordered list of widget ids. It is stored in dashboard_layouts.layout as grid items
 * `{i, x, y, w, h}` (12 columns; the shape react-grid-layout and the seed use), so positions stay meaningful
 * to other readers; the order is rows top to bottom, left to right.
 */
export type Layout = WidgetId[]

export interface StoredItem { i: string; x: number; y: number; w: number; h: number }

/** What a first-time user sees; it is not saved until they change it. */
export const DEFAULT_LAYOUT: Layout = [
  'success_rate', 'executions_by_status', 'approvals_waiting', 'connection_health',
  'duration_trend', 'deployments_per_environment',
]

const COLUMNS = 12
const HEIGHT = 4

/** Reads a stored layout: grid items in reading order (or plain ids); unknown ids and repeats are dropped. */
export function parseLayout(raw: unknown): Layout {
  if (!Array.isArray(raw)) return []
  const items = raw.flatMap((item, index) => {
    if (typeof item === 'string') return [{ id: item, y: index, x: 0, index }]
    if (item && typeof item === 'object' && typeof (item as StoredItem).i === 'string') {
      const { i, x, y } = item as StoredItem
      return [{ id: i, y: Number.isFinite(y) ? y : index, x: Number.isFinite(x) ? x : 0, index }]
    }
    return []
  })
  items.sort((a, b) => a.y - b.y || a.x - b.x || a.index - b.index)
  const seen = new Set<WidgetId>()
  for (const { id } of items) {
    const known = isWidgetId(id) ? id : WIDGET_ALIASES[id]
    if (known && !seen.has(known)) seen.add(known)
  }
  return [...seen]
}

/** Places the widgets in reading order on a 12-column grid: wide ones take a row, others half of one. */
export function toStoredLayout(layout: Layout): StoredItem[] {
  let x = 0
  let y = 0
  return layout.map((id) => {
    const w = WIDGETS[id].wide ? COLUMNS : COLUMNS / 2
    if (x + w > COLUMNS) { x = 0; y += HEIGHT }
    const item = { i: id, x, y, w, h: HEIGHT }
    x += w
    if (x >= COLUMNS) { x = 0; y += HEIGHT }
    return item
  })
}

/** Moves a widget one place earlier (-1) or later (+1); at either end nothing changes. */
export function moveWidget(layout: Layout, id: WidgetId, delta: -1 | 1): Layout {
  const from = layout.indexOf(id)
  const to = from + delta
  if (from < 0 || to < 0 || to >= layout.length) return layout
  const next = [...layout]
  next.splice(from, 1)
  next.splice(to, 0, id)
  return next
}

/** Drag and drop: the dragged widget takes the target's place, the rest shift. */
export function moveWidgetTo(layout: Layout, id: WidgetId, target: WidgetId): Layout {
  const from = layout.indexOf(id)
  const to = layout.indexOf(target)
  if (from < 0 || to < 0 || from === to) return layout
  const next = [...layout]
  next.splice(from, 1)
  next.splice(to, 0, id)
  return next
}

/** Adds a widget at the end; one of each at most. */
export function addWidget(layout: Layout, id: WidgetId): Layout {
  return layout.includes(id) ? layout : [...layout, id]
}

export function removeWidget(layout: Layout, id: WidgetId): Layout {
  return layout.filter((w) => w !== id)
}

/** The catalog entries not on the dashboard yet, in catalog order. */
export function availableWidgets(layout: Layout): WidgetId[] {
  return WIDGET_IDS.filter((id) => !layout.includes(id))
}

export function sameLayout(a: Layout, b: Layout): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i])
}
