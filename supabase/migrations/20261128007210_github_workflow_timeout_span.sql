-- A GitHub workflow step that fails (timed out waiting, dispatch refused, run concluded failure) keeps the
-- reason's words in output.error too, where the CI/CD task span looks (emit_execution_task_span): a step that
-- timed out waiting for its run is reported with cicd.pipeline.task.run.result = timeout.

create or replace function public.github_workflow_failure_error()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status = 'failed' and old.status is distinct from 'failed' and new.config -> 'executor' ->> 'type' = 'github_workflow'
    and new.output ->> 'detail' is not null and not (new.output ? 'error') then
    new.output := new.output || jsonb_build_object('error', new.output ->> 'detail');
  end if;
  return new;
end
$$;
revoke execute on function public.github_workflow_failure_error() from public, anon, authenticated;

create trigger execution_nodes_github_workflow_error before update of status on public.execution_nodes
for each row execute function public.github_workflow_failure_error();
