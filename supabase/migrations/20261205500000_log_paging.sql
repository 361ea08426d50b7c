-- Logs at scale (issue 13): the run page's log panel shows one node's log of up to millions of lines a window at a
-- time, so it needs random access by position, counts, and find-next/previous across the whole log.
--
-- Through PostgREST each of those pays the row policy on every row it walks (an OFFSET of 500,000 checks
-- membership 500,000 times), so they are SQL functions that check membership once, then read the node's lines
-- through an index on (execution, node, id). Security definer with a fixed search_path; a caller who is not a
-- member of the run's project, or names a node the run does not have, gets PT404 and reads nothing.
-- Relies on: public.execution_logs, public.executions, public.execution_nodes, private.is_project_member.

create index if not exists execution_logs_node_idx on public.execution_logs (execution_id, node_id, id);

create function private.require_log_reader(_execution_id uuid, _node_id text)
returns void
language plpgsql stable security definer
set search_path = ''
as $$
declare
  _project uuid := (select e.project_id from public.executions e where e.id = _execution_id);
begin
  if _project is null or not private.is_project_member(_project) then
    raise exception 'No such run, or you are not a member of its project' using errcode = 'PT404';
  end if;
  if not exists (select 1 from public.execution_nodes n where n.execution_id = _execution_id and n.node_id = _node_id) then
    raise exception 'The run has no node "%"', _node_id using errcode = 'PT404';
  end if;
end
$$;

-- How many of the node's lines there are (of the given levels; all when null).
create function public.node_log_count(_execution_id uuid, _node_id text, _levels public.log_level[] default null)
returns bigint
language plpgsql stable security definer
set search_path = ''
as $$
begin
  perform private.require_log_reader(_execution_id, _node_id);
  return (
    select count(*) from public.execution_logs l
    where l.execution_id = _execution_id and l.node_id = _node_id and (_levels is null or l.level = any(_levels))
  );
end
$$;

-- Up to 1,000 of the node's lines in id order: those after line `_after_id` when given (paging on from a window
-- already shown, cheap anywhere in the log), else those from position `_offset` (a jump to any place).
create function public.node_log_page(
  _execution_id uuid, _node_id text, _offset bigint default 0, _limit integer default 500,
  _levels public.log_level[] default null, _after_id bigint default null
)
returns table (id bigint, level public.log_level, message text, metadata jsonb, created_at timestamptz)
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if _offset < 0 or _limit < 1 then
    raise exception 'Ask for a position of 0 or more and at least one line' using errcode = 'PT400';
  end if;
  perform private.require_log_reader(_execution_id, _node_id);
  return query
    select l.id, l.level, l.message, l.metadata, l.created_at from public.execution_logs l
    where l.execution_id = _execution_id and l.node_id = _node_id and (_levels is null or l.level = any(_levels))
      and (_after_id is null or l.id > _after_id)
    order by l.id
    offset case when _after_id is null then _offset else 0 end
    limit least(_limit, 1000);
end
$$;

-- The next (or previous) line after (before) line `_from_id` whose message contains `_query`, case-insensitively,
-- among lines of the given levels: its id, its position among those lines, its rank among the matches (from 0)
-- and how many lines match in all. No row when nothing matches in that direction.
create function public.node_log_find(
  _execution_id uuid, _node_id text, _query text, _from_id bigint default null, _forward boolean default true,
  _levels public.log_level[] default null
)
returns table (id bigint, line_position bigint, match_rank bigint, matches bigint)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  _needle text := lower(_query);
  _hit bigint;
begin
  if _query is null or length(_query) = 0 or length(_query) > 200 then
    raise exception 'Search for 1 to 200 characters' using errcode = 'PT400';
  end if;
  perform private.require_log_reader(_execution_id, _node_id);
  if _forward then
    select l.id into _hit from public.execution_logs l
    where l.execution_id = _execution_id and l.node_id = _node_id and (_levels is null or l.level = any(_levels))
      and l.id > coalesce(_from_id, 0) and strpos(lower(l.message), _needle) > 0
    order by l.id limit 1;
  else
    select l.id into _hit from public.execution_logs l
    where l.execution_id = _execution_id and l.node_id = _node_id and (_levels is null or l.level = any(_levels))
      and l.id < coalesce(_from_id, 9223372036854775807) and strpos(lower(l.message), _needle) > 0
    order by l.id desc limit 1;
  end if;
  if _hit is null then
    return;
  end if;
  return query
    select _hit,
      count(*) filter (where s.id < _hit),
      count(*) filter (where s.matched and s.id < _hit),
      count(*) filter (where s.matched)
    from (
      select l.id, strpos(lower(l.message), _needle) > 0 as matched from public.execution_logs l
      where l.execution_id = _execution_id and l.node_id = _node_id and (_levels is null or l.level = any(_levels))
    ) s;
end
$$;

revoke execute on function private.require_log_reader(uuid, text) from public, anon, authenticated, service_role;
revoke execute on function public.node_log_count(uuid, text, public.log_level[]) from public, anon;
revoke execute on function public.node_log_page(uuid, text, bigint, integer, public.log_level[], bigint) from public, anon;
revoke execute on function public.node_log_find(uuid, text, text, bigint, boolean, public.log_level[]) from public, anon;
grant execute on function public.node_log_count(uuid, text, public.log_level[]) to authenticated, service_role;
grant execute on function public.node_log_page(uuid, text, bigint, integer, public.log_level[], bigint) to authenticated, service_role;
grant execute on function public.node_log_find(uuid, text, text, bigint, boolean, public.log_level[]) to authenticated, service_role;
