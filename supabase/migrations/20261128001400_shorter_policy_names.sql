-- Postgres cuts identifiers at 63 bytes, so three policy names landed truncated mid-word. Rename them to
-- sentences that fit.

alter policy "Admins can read the audit trail of their organization, installa" on public.audit_logs
  rename to "Admins can read their organization's audit trail";
alter policy "Users can read public templates and their organizations' templat" on public.pipeline_templates
  rename to "Users can read public and their organizations' templates";
alter policy "Users can create dashboard layouts for themselves in their proj" on public.dashboard_layouts
  rename to "Users can create their own dashboard layouts";
