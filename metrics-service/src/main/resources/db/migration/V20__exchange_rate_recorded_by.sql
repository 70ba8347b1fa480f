-- Issue #14: who recorded (or last corrected) a rate: the principal (upn) of the bearer token of the POST.
-- Rates recorded before sign-in was required have none.
ALTER TABLE exchange_rate ADD COLUMN recorded_by varchar(200);
