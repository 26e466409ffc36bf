-- Sentiment: one row per article, model and model version; the article carries the ensemble.

create table article_sentiment (
    article_id     bigint not null references news_articles (id),
    model          text not null,
    model_version  text not null,
    label          text not null,
    score          double precision not null check (score between -1 and 1),
    confidence     double precision not null check (confidence between 0 and 1),
    probabilities  jsonb not null,
    scored_at      timestamptz not null,
    primary key (article_id, model, model_version)
);

create index article_sentiment_model_idx on article_sentiment (model, model_version);

-- The columns of the system this one replaces, kept so that its consumers keep working:
-- sentiment_* and confidence are the ensemble of every model present (five-class label),
-- ml_sentiment_* the ensemble of the transformer models only, ml_market_type the ensemble's
-- bullish / bearish / neutral, ml_sentiment_analysis each model's result.
alter table news_articles
    add column sentiment_score          double precision,
    add column sentiment_label          text,
    add column confidence               double precision,
    add column ml_sentiment_score       double precision,
    add column ml_sentiment_confidence  double precision,
    add column ml_sentiment_analysis    jsonb,
    add column ml_market_type           text,
    add column cryptobert_score         double precision,
    add column cryptobert_confidence    double precision;
