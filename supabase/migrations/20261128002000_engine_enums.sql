-- Values the execution engine needs that the first enums lacked: the pipeline builder's node kinds (the
-- engine stores each execution_node under its pipeline kind) and a cancelled approval request (its run was
-- cancelled while the gate waited). In their own migration because a new enum value cannot be used in the
-- transaction that adds it.

alter type public.node_kind add value if not exists 'source';
alter type public.node_kind add value if not exists 'build';
alter type public.node_kind add value if not exists 'test';
alter type public.node_kind add value if not exists 'security_scan';
alter type public.node_kind add value if not exists 'rollback';
alter type public.node_kind add value if not exists 'parallel_group';

alter type public.approval_status add value if not exists 'cancelled';
