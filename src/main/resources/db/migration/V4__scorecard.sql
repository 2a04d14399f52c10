-- The decision scorecard: the daily candles the analyses already fetched (one row per market, symbol and
-- day, so scoring costs no extra upstream call), and each analysis's outcome per horizon.
CREATE TABLE candles (
    market       VARCHAR(16)    NOT NULL,
    symbol       VARCHAR(32)    NOT NULL,
    trade_date   DATE           NOT NULL,   -- the exchange's own calendar day (KST for Upbit and KIS, New York for Yahoo)
    open_price   NUMERIC(28, 8) NOT NULL,
    high_price   NUMERIC(28, 8) NOT NULL,
    low_price    NUMERIC(28, 8) NOT NULL,
    close_price  NUMERIC(28, 8) NOT NULL,
    volume       NUMERIC(28, 8) NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT pk_candles PRIMARY KEY (market, symbol, trade_date)
);

-- status 'scored' is final; 'missing' (the candles did not cover the horizon) is tried again on the next run.
CREATE TABLE decision_scores (
    analysis_id        BIGINT  NOT NULL REFERENCES stock_analysis_results (id) ON DELETE CASCADE,
    horizon_days       INTEGER NOT NULL,
    status             VARCHAR(8) NOT NULL CHECK (status IN ('scored', 'missing')),
    hit                BOOLEAN,
    buy_range_filled   BOOLEAN,
    sell_range_filled  BOOLEAN,
    max_gain_pct       NUMERIC(12, 4),
    max_loss_pct       NUMERIC(12, 4),
    close_change_pct   NUMERIC(12, 4),
    scored_at          TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT pk_decision_scores PRIMARY KEY (analysis_id, horizon_days)
);
