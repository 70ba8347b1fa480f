-- Issue #7: the type an industrial park declares under Decree 35/2022/ND-CP (null: none).
ALTER TABLE zone ADD COLUMN park_type varchar(32);
