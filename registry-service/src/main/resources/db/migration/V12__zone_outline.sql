-- Issue #7: a zone may carry its outline (a GeoJSON Polygon or MultiPolygon geometry, lon/lat) for the land-bank map.
ALTER TABLE zone ADD COLUMN outline jsonb;
