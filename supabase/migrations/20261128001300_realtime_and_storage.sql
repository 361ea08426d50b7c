-- What the UI watches live (publication supabase_realtime; RLS decides what each subscriber receives), and
-- the avatars bucket: anyone may read, each user writes only under avatars/<their user id>/.

alter publication supabase_realtime add table
  public.executions, public.execution_nodes, public.execution_logs, public.execution_state_events,
  public.approval_requests, public.approval_votes, public.deployments, public.deployment_versions,
  public.environment_locks, public.audit_logs, public.notification_events, public.telemetry_signals;

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('avatars', 'avatars', true, 2097152, array['image/png', 'image/jpeg', 'image/webp', 'image/gif'])
on conflict (id) do nothing;

create policy "Anyone can read avatars"
on storage.objects for select to anon, authenticated
using (bucket_id = 'avatars');

create policy "Users can upload their own avatar"
on storage.objects for insert to authenticated
with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "Users can replace their own avatar"
on storage.objects for update to authenticated
using (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text)
with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "Users can delete their own avatar"
on storage.objects for delete to authenticated
using (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);
