-- GitHub webhooks and tokens: what the github-webhook, github-api and connection functions need beyond the
-- integrations migration. An organization-wide GitHub token (github_tokens.organization_id), saved encrypted
-- by an edge function; webhook secrets settable only by functions (they store ciphertext, so a plaintext
-- secret written through the API would be a leak); branch mappings ordered (first match wins); delivery
-- processing state and result.

alter table public.github_tokens
  add column organization_id uuid references public.organizations (id) on delete cascade; -- set: the organization's token, used by github-api for every member
create unique index github_tokens_one_per_organization on public.github_tokens (organization_id) where organization_id is not null;
grant select (organization_id) on public.github_tokens to authenticated;

create policy "Members can see which GitHub token their organization uses"
on public.github_tokens for select to authenticated
using (organization_id is not null and (select public.is_org_member(organization_id)));
create policy "Organization admins can remove their organization's GitHub token"
on public.github_tokens for delete to authenticated
using (organization_id is not null and (select public.org_role_at_least(organization_id, 'admin')));

-- webhook_secret is written by the github-api function (encrypted); clients insert every other column.
revoke insert on public.github_integrations from anon, authenticated;
grant insert (id, project_id, repository_owner, repository_name, workflow_file, default_branch, installation_id,
  is_active, created_by) on public.github_integrations to authenticated;

alter table public.branch_mappings
  add column position integer not null default 0; -- lower first; a push runs the first mapping whose pattern matches
create index branch_mappings_integration_position_idx on public.branch_mappings (github_integration_id, position);

alter table public.webhook_deliveries drop constraint webhook_deliveries_status_check;
alter table public.webhook_deliveries add constraint webhook_deliveries_status_check
  check (status in ('received', 'processing', 'processed', 'ignored', 'failed'));
alter table public.webhook_deliveries
  add column result jsonb, -- what processing decided (mapping matched, execution started, node finished...)
  add column attempts integer not null default 0; -- processing attempts, so a stuck delivery can be retried once
create index webhook_deliveries_unfinished_idx on public.webhook_deliveries (received_at) where status in ('received', 'processing');
