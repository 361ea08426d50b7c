const KEY = 'opzenix.theme'

/** Light or dark: the saved choice, else the system's. */
export function applyTheme(): void {
  const saved = localStorage.getItem(KEY)
  const dark = saved ? saved === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches
  document.documentElement.classList.toggle('dark', dark)
}

export function toggleTheme(): void {
  const dark = !document.documentElement.classList.contains('dark')
  localStorage.setItem(KEY, dark ? 'dark' : 'light')
  document.documentElement.classList.toggle('dark', dark)
}
