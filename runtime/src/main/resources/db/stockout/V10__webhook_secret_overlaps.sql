-- Rotations may overlap: every previous secret stays valid until its own expiry, so a catalog's source may have several
-- previous secrets at once (Stockout keeps at most three). Each secret appears once per catalog and source, and one of
-- them is the current one.
ALTER TABLE stockout_webhook_secret DROP CONSTRAINT stockout_webhook_secret_pkey;
ALTER TABLE stockout_webhook_secret ADD PRIMARY KEY (catalog_id, source, secret);
CREATE UNIQUE INDEX stockout_webhook_secret_current ON stockout_webhook_secret (catalog_id, source) WHERE current;
