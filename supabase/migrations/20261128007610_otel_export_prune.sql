-- The export queue is an outbox, not a history: finished rows (delivered or dropped) are deleted after a
-- week, batch records after 30 days. otel-export prunes after each call that exported something.
create index otel_export_queue_finished_idx on public.otel_export_queue (finished_at) where state <> 'pending';
create index otel_export_batches_finished_idx on public.otel_export_batches (finished_at);

create or replace function public.prune_otel_export(_keep_queue interval default '7 days', _keep_batches interval default '30 days')
returns integer
language plpgsql security definer
set search_path = ''
as $$
declare
  _queue integer;
  _batches integer;
begin
  delete from public.otel_export_queue where state <> 'pending' and finished_at < now() - _keep_queue;
  get diagnostics _queue = row_count;
  delete from public.otel_export_batches where finished_at < now() - _keep_batches;
  get diagnostics _batches = row_count;
  return _queue + _batches;
end
$$;
revoke execute on function public.prune_otel_export(interval, interval) from public, anon, authenticated;
grant execute on function public.prune_otel_export(interval, interval) to service_role;
