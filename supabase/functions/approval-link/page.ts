// The small pages a signed link shows: a confirmation naming the approver, the outcome, and refusals.
// Self-contained HTML (no scripts, no external assets), so it works from any mail or chat client.

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

export interface PageText {
  title: string
  /** Paragraphs, as plain text. */
  lines: string[]
  /** A confirm form posting the token back. */
  form?: { token: string; decision: 'approve' | 'reject' }
  tone?: 'neutral' | 'good' | 'bad'
}

export function page(text: PageText, status = 200): Response {
  const accent = text.tone === 'good' ? '#15803d' : text.tone === 'bad' ? '#b91c1c' : '#1d4ed8'
  const form = text.form
    ? `<form method="post"><input type="hidden" name="token" value="${escapeHtml(text.form.token)}">
<button type="submit" style="padding:10px 18px;border:0;border-radius:6px;background:${text.form.decision === 'approve' ? '#15803d' : '#b91c1c'};color:#fff;font-size:15px;cursor:pointer">${text.form.decision === 'approve' ? 'Approve' : 'Reject'}</button></form>`
    : ''
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(text.title)} · Opzenix</title></head>
<body style="font-family:system-ui,sans-serif;max-width:560px;margin:48px auto;padding:0 16px;color:#111">
<p style="font-weight:600;color:#555">Opzenix</p>
<h1 style="font-size:22px;border-left:4px solid ${accent};padding-left:10px">${escapeHtml(text.title)}</h1>
${text.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
${form}
</body></html>`
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    },
  })
}
