-- Where each zone is, for the drill-down from a province to its zones. Filled from the zone snapshot when it
-- says so (provinceCode / formerProvinceCode), else once from the registry (zone_place, a cache).
ALTER TABLE indicator_snapshot ADD COLUMN province_code varchar(16);
ALTER TABLE indicator_snapshot ADD COLUMN former_province_code varchar(16);

CREATE TABLE zone_place (
    zone_id              varchar(80) PRIMARY KEY,
    province_code        varchar(16),
    former_province_code varchar(16),
    kind                 varchar(40),
    status               varchar(40),
    name                 varchar(300),
    source               varchar(20)  NOT NULL,
    fetched_at           timestamptz  NOT NULL
);
CREATE INDEX zone_place_province ON zone_place (province_code);
CREATE INDEX zone_place_former_province ON zone_place (former_province_code);
CREATE INDEX indicator_snapshot_province ON indicator_snapshot (province_code) WHERE scope_type = 'ZONE';
