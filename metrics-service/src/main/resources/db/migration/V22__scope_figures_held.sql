-- Issue #13: a scope above a zone no longer holds the labels only another kind of scope reads (aggregates/ScopeFigures):
-- zone names, codes and kinds stay in the zone's own sums, province names in province scopes, former province names in
-- former-province scopes. The rows folded before are dropped here, so every scope holds what a fold from now on keeps.
DELETE FROM scope_value
WHERE figure LIKE 'zoneName:%' OR figure LIKE 'provinceCode:%' OR figure LIKE 'formerProvinceCode:%' OR figure LIKE 'kind:%'
   OR (figure LIKE 'provinceName:%' AND scope_key NOT LIKE 'province:%' AND scope_key NOT LIKE 'province-kind:%')
   OR (figure LIKE 'formerProvinceName:%' AND scope_key NOT LIKE 'former-province:%' AND scope_key NOT LIKE 'former-province-kind:%');
