-- Checkpoints of local backfills (cryptofn backfill): a run is one request, a chunk one unit of work.
-- A run stopped (Ctrl-C, crash) resumes at its first chunk not done. On Azure the Durable Functions
-- history plays this part.

create table backfill_runs (
    id           text primary key,
    request      jsonb not null,
    started_at   timestamptz not null default clock_timestamp(),
    finished_at  timestamptz
);

create table backfill_chunks (
    run_id      text not null references backfill_runs (id) on delete cascade,
    chunk_key   text not null,
    kind        text not null,
    status      text not null check (status in ('done', 'failed')),
    attempts    integer not null,
    rows        bigint not null,
    error       text,
    updated_at  timestamptz not null default clock_timestamp(),
    primary key (run_id, chunk_key)
);
