-- A declared figure names the register figure it corresponds to (issue #16): the kind of zone it counts and the
-- indicator metrics-service computes for the same scope (e.g. zones.operating of the clusters of province 37), so a
-- declaration can be held against the register. Both stay null for a figure the register does not compute.
-- province_code is the province the scope belongs to (a former province's or a zone's today), so that a board can ask
-- for everything declared about its province; null for NATIONAL figures.
ALTER TABLE declared_figure
    ADD COLUMN kind          varchar(30),
    ADD COLUMN indicator     varchar(60),
    ADD COLUMN province_code varchar(8);

UPDATE declared_figure SET province_code = scope_code WHERE scope_type = 'PROVINCE';
UPDATE declared_figure f SET province_code = p.province_code
  FROM former_province p WHERE f.scope_type = 'FORMER_PROVINCE' AND p.code = f.scope_code;
UPDATE declared_figure f SET province_code = z.province_code
  FROM zone z WHERE f.scope_type = 'ZONE' AND z.id::text = f.scope_code;

CREATE INDEX declared_figure_province ON declared_figure (province_code, valid_on);
