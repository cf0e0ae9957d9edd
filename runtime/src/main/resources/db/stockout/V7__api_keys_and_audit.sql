-- Administration access and its audit trail: the API keys merchants call the administration endpoints with, and one
-- row per administrative change of a catalog's settings and reference data.

-- A key is stored as the SHA-256 of its secret (keys are long random strings, so a fast hash is enough); the secret is
-- shown once, when the key is made. A key reaches the catalogs it lists, or every catalog when the list is null.
CREATE TABLE stockout_api_key (
    id                  text PRIMARY KEY,
    name                text NOT NULL,
    secret_hash         bytea NOT NULL UNIQUE,
    role                text NOT NULL CHECK (role IN ('READ', 'WRITE', 'ADMIN')),
    catalogs            text[] CHECK (catalogs IS NULL OR cardinality(catalogs) > 0),
    created_at          timestamptz NOT NULL,
    created_by          text NOT NULL,
    revoked_at          timestamptz,
    last_used_at        timestamptz
);

-- Who changed what and when. Written by triggers, so that no path that changes a table (HTTP, the in-process loader,
-- scheduled work, a hand-run statement) can leave it out. The transaction names its actor with
-- set_config('stockout.actor', ..., true); one change (transaction) may write many rows.
CREATE TABLE stockout_audit (
    id                  bigserial PRIMARY KEY,
    catalog_id          text,
    at                  timestamptz NOT NULL DEFAULT clock_timestamp(),
    change_id           bigint NOT NULL DEFAULT txid_current(),
    actor               text NOT NULL,
    entity              text NOT NULL,
    entity_key          text NOT NULL,
    operation           text NOT NULL CHECK (operation IN ('CREATE', 'UPDATE', 'DELETE')),
    before              jsonb,
    after               jsonb
);
CREATE INDEX stockout_audit_catalog ON stockout_audit (catalog_id, id);
CREATE INDEX stockout_audit_entity ON stockout_audit (catalog_id, entity, entity_key, id);
-- a row changed twice in one transaction (loaded, then segmented) is one entry: its first before, its last after
CREATE INDEX stockout_audit_change ON stockout_audit (change_id, entity, entity_key);

-- Arguments: the entity's name; the key columns (comma-separated); columns that are derived rather than administered
-- (left out, and a change of only those is not recorded); columns holding secrets (recorded as hidden, and whether
-- they changed).
CREATE FUNCTION stockout_audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    whole     jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
    old_row   jsonb;
    new_row   jsonb;
    ignored   text[] := string_to_array(TG_ARGV[2], ',');
    secret    text;
    key_value text;
    existing  record;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        old_row := to_jsonb(OLD) - ignored;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_row := to_jsonb(NEW) - ignored;
    END IF;
    IF TG_OP = 'UPDATE' AND old_row = new_row THEN
        RETURN NULL;
    END IF;
    -- a secret is never recorded, nor anything derived from it: only whether it changed
    FOREACH secret IN ARRAY string_to_array(TG_ARGV[3], ',') LOOP
        IF old_row ? secret THEN
            old_row := jsonb_set(old_row, ARRAY[secret], to_jsonb('(hidden)'::text));
        END IF;
        IF new_row ? secret THEN
            new_row := jsonb_set(new_row, ARRAY[secret], to_jsonb(CASE
                WHEN TG_OP = 'UPDATE' AND (to_jsonb(OLD) ->> secret) IS DISTINCT FROM (to_jsonb(NEW) ->> secret)
                THEN '(hidden, changed)' ELSE '(hidden)' END));
        END IF;
    END LOOP;
    SELECT string_agg(coalesce(whole ->> k, ''), '/') INTO key_value FROM unnest(string_to_array(TG_ARGV[1], ',')) k;
    -- one entry per row and transaction: its first before, its last after (a SKU loaded then segmented, a rule
    -- deleted and inserted again by a replacement); a row whose net change is none leaves no entry
    SELECT id, operation, before INTO existing FROM stockout_audit
     WHERE change_id = txid_current() AND entity = TG_ARGV[0] AND entity_key = key_value
       AND catalog_id IS NOT DISTINCT FROM coalesce(whole ->> 'catalog_id',
               CASE WHEN TG_TABLE_NAME = 'stockout_catalog' THEN whole ->> 'id' END)
     FOR UPDATE;
    IF FOUND THEN
        IF TG_OP = 'INSERT' THEN
            -- a row deleted and inserted again (a secret replaced): its secrets are new ones
            FOREACH secret IN ARRAY string_to_array(TG_ARGV[3], ',') LOOP
                IF new_row ? secret THEN
                    new_row := jsonb_set(new_row, ARRAY[secret], to_jsonb('(hidden, changed)'::text));
                END IF;
            END LOOP;
        END IF;
        IF existing.before IS NOT DISTINCT FROM new_row
                OR (existing.operation = 'CREATE' AND TG_OP = 'DELETE') THEN
            DELETE FROM stockout_audit WHERE id = existing.id;
        ELSE
            UPDATE stockout_audit
               SET after = new_row,
                   operation = CASE WHEN existing.operation = 'CREATE' THEN 'CREATE'
                                    WHEN TG_OP = 'DELETE' THEN 'DELETE' ELSE 'UPDATE' END
             WHERE id = existing.id;
        END IF;
        RETURN NULL;
    END IF;
    INSERT INTO stockout_audit (catalog_id, actor, entity, entity_key, operation, before, after)
    VALUES (coalesce(whole ->> 'catalog_id', CASE WHEN TG_TABLE_NAME = 'stockout_catalog' THEN whole ->> 'id' END),
            coalesce(nullif(current_setting('stockout.actor', true), ''), 'system'),
            TG_ARGV[0], key_value,
            CASE TG_OP WHEN 'INSERT' THEN 'CREATE' WHEN 'UPDATE' THEN 'UPDATE' ELSE 'DELETE' END,
            old_row, new_row);
    RETURN NULL;
END
$$;

CREATE TRIGGER stockout_audit AFTER INSERT OR UPDATE OR DELETE ON stockout_catalog
    FOR EACH ROW EXECUTE FUNCTION stockout_audit_row('catalog', 'id', 'updated_at,version,created_at', '');
CREATE TRIGGER stockout_audit AFTER INSERT OR UPDATE OR DELETE ON stockout_sku
    FOR EACH ROW EXECUTE FUNCTION stockout_audit_row('sku', 'sku', 'catalog_id,updated_at,in_stock,policy_reason', '');
CREATE TRIGGER stockout_audit AFTER INSERT OR UPDATE OR DELETE ON stockout_location
    FOR EACH ROW EXECUTE FUNCTION stockout_audit_row('location', 'code', 'catalog_id,updated_at', '');
CREATE TRIGGER stockout_audit AFTER INSERT OR UPDATE OR DELETE ON stockout_substitute
    FOR EACH ROW EXECUTE FUNCTION stockout_audit_row('substitute', 'sku,substitute_sku', 'catalog_id', '');
CREATE TRIGGER stockout_audit AFTER INSERT OR UPDATE OR DELETE ON stockout_supplier
    FOR EACH ROW EXECUTE FUNCTION stockout_audit_row('supplier', 'code',
        'catalog_id,updated_at,delay_allowance_days,confidence,receipts,on_time_receipts', '');
CREATE TRIGGER stockout_audit AFTER INSERT OR UPDATE OR DELETE ON stockout_tolerance
    FOR EACH ROW EXECUTE FUNCTION stockout_audit_row('tolerance', 'scope,sku,metric', 'catalog_id,updated_at', '');
CREATE TRIGGER stockout_audit AFTER INSERT OR UPDATE OR DELETE ON stockout_subscription
    FOR EACH ROW EXECUTE FUNCTION stockout_audit_row('subscription', 'name', 'catalog_id', 'secret');
CREATE TRIGGER stockout_audit AFTER INSERT OR UPDATE OR DELETE ON stockout_webhook_secret
    FOR EACH ROW EXECUTE FUNCTION stockout_audit_row('webhook-secret', 'source', 'catalog_id', 'secret');
CREATE TRIGGER stockout_audit AFTER INSERT OR UPDATE OR DELETE ON stockout_api_key
    FOR EACH ROW EXECUTE FUNCTION stockout_audit_row('api-key', 'id', 'secret_hash,last_used_at', '');
