-- Prices on the 5-minute grid and the materialised ML features computed from them and the news.

-- One row per symbol and grid instant ts. Klines fill the bar that closes at ts (open time + 5 min),
-- so close is the price at ts; the markets snapshot taken in [ts, ts + 5 min) fills the snapshot_*
-- columns. Both sources are kept as delivered; the features decide which price they use.
create table prices (
    symbol            text not null,
    ts                timestamptz not null check (extract(epoch from ts)::bigint % 300 = 0),
    open              double precision,
    high              double precision,
    low               double precision,
    close             double precision,
    volume            double precision,
    quote_volume      double precision,
    trades            integer,
    snapshot_price    double precision,
    market_cap        double precision,
    volume_24h        double precision,
    market_cap_rank   integer,
    snapshot_at       timestamptz,
    -- Set only when a value changes, so feature materialisation can find late and corrected prices.
    updated_at        timestamptz not null default clock_timestamp(),
    primary key (symbol, ts)
);

create index prices_updated_at_idx on prices (updated_at);

create table ml_features_materialized (
    symbol                  text not null,
    ts                      timestamptz not null,
    price                   double precision not null,
    market_cap              double precision,
    volume                  double precision,
    volume_24h              double precision,
    market_cap_rank         integer,
    return_5m               double precision,
    return_1h               double precision,
    return_4h               double precision,
    return_24h              double precision,
    return_7d               double precision,
    log_return_5m           double precision,
    log_return_1h           double precision,
    log_return_4h           double precision,
    log_return_24h          double precision,
    log_return_7d           double precision,
    volatility_1h           double precision,
    volatility_24h          double precision,
    rsi_14                  double precision,
    macd                    double precision,
    macd_signal             double precision,
    macd_histogram          double precision,
    ema_12                  double precision,
    ema_26                  double precision,
    sma_20                  double precision,
    bb_percent_b            double precision,
    bb_bandwidth            double precision,
    volume_zscore_24h       double precision,
    news_count_1h           integer not null,
    news_count_24h          integer not null,
    market_news_count_1h    integer not null,
    market_news_count_24h   integer not null,
    sentiment_mean_1h       double precision,
    sentiment_std_1h        double precision,
    sentiment_mean_24h      double precision,
    sentiment_std_24h       double precision,
    bullish_share_1h        double precision,
    bullish_share_24h       double precision,
    finbert_mean_1h         double precision,
    finbert_std_1h          double precision,
    finbert_mean_24h        double precision,
    finbert_std_24h         double precision,
    cryptobert_mean_1h      double precision,
    cryptobert_std_1h       double precision,
    cryptobert_mean_24h     double precision,
    cryptobert_std_24h      double precision,
    vader_mean_1h           double precision,
    vader_std_1h            double precision,
    vader_mean_24h          double precision,
    vader_std_24h           double precision,
    forward_return_1h       double precision,
    forward_return_24h      double precision,
    computed_at             timestamptz not null,
    primary key (symbol, ts)
);

create index ml_features_materialized_ts_idx on ml_features_materialized (ts);

-- When an article last changed in a way the features see (inserted, marked a copy, scored), by the
-- database's clock like prices.updated_at: collected_at and scored_at come from the application's clock.
alter table news_articles add column changed_at timestamptz not null default clock_timestamp();
create index news_articles_changed_at_idx on news_articles (changed_at);

create function news_articles_touch() returns trigger language plpgsql as $$
begin
    new.changed_at := clock_timestamp();
    return new;
end
$$;

create trigger news_articles_touch before update on news_articles
    for each row when (old.* is distinct from new.*) execute function news_articles_touch();

-- Where incremental materialisation stands: changes to prices and articles after these instants
-- (less a safety margin for transactions that commit late) are still to be taken into account.
create table feature_watermarks (
    id                     integer primary key check (id = 1),
    prices_seen_until      timestamptz not null,
    articles_seen_until    timestamptz not null,
    updated_at             timestamptz not null
);
