-- Issue #7: capital stays in its original currency; a combined figure converts with a rate whose value, date and
-- source are stored and shown. Quoted the Vietnamese way: VND for one unit of the foreign currency. No rate is
-- seeded: an official rate is entered with its source (POST /api/v1/exchange-rates), never invented.
CREATE TABLE exchange_rate (
    currency      varchar(3)     NOT NULL,
    valid_on      date           NOT NULL,
    vnd_per_unit  numeric(16, 4) NOT NULL CHECK (vnd_per_unit > 0),
    source        varchar(500)   NOT NULL,
    recorded_at   timestamptz    NOT NULL,
    PRIMARY KEY (currency, valid_on)
);
