-- The settings page shows a project's webhook deliveries as they arrive (a user adding the webhook in GitHub
-- watches its ping land), so webhook_deliveries joins the realtime publication; RLS ("Members can read their
-- projects' webhook deliveries") decides who receives each row. github_integrations and github_tokens stay out:
-- their rows carry sealed secrets that the API roles may not select.

alter publication supabase_realtime add table public.webhook_deliveries;
