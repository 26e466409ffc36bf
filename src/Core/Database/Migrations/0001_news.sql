-- News ingestion: sources with their fetch state, and articles keyed by canonical URL.

create table news_sources (
    id               text primary key,
    name             text not null,
    feed_url         text not null,
    etag             text,
    last_modified    text,
    last_attempt_at  timestamptz,
    last_success_at  timestamptz,
    last_error       text,
    last_error_at    timestamptz,
    last_fetched     integer not null default 0,
    last_new         integer not null default 0
);

create table news_articles (
    id                     bigint generated always as identity primary key,
    canonical_url          text not null,
    url                    text not null,
    source_id              text not null,
    guid                   text,
    title                  text not null,
    -- Normalised title used to recognise syndicated copies; null when too short to be telling.
    title_key              text,
    summary                text,
    author                 text,
    image_url              text,
    categories             text[] not null default '{}',
    symbols                text[] not null default '{}',
    published_at           timestamptz not null,
    -- True when the feed gave no usable date and the collection time stands in for it.
    published_at_inferred  boolean not null default false,
    collected_at           timestamptz not null,
    duplicate_of           bigint references news_articles (id),
    constraint news_articles_canonical_url_key unique (canonical_url)
);

create index news_articles_title_key_idx on news_articles (title_key, published_at) where title_key is not null;
create index news_articles_published_at_idx on news_articles (published_at);
create index news_articles_source_collected_idx on news_articles (source_id, collected_at);
create index news_articles_symbols_idx on news_articles using gin (symbols);
