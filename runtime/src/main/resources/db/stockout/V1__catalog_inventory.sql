-- Stockout's schema. Every table a merchant owns is scoped by catalog; names carry the
-- stockout_ prefix so that they sit beside the host application's own tables.

CREATE TABLE stockout_catalog (
    id                  text PRIMARY KEY,
    name                text NOT NULL,
    active              boolean NOT NULL DEFAULT true,
    forced_out_of_stock boolean NOT NULL DEFAULT false,
    -- enabled out-of-stock offer kinds, comma-separated, in the order shoppers see them
    offer_kinds         text NOT NULL DEFAULT 'BACKORDER,PICKUP,SUBSTITUTE'
                        CHECK (offer_kinds ~ '^((BACKORDER|PICKUP|SUBSTITUTE)(,(BACKORDER|PICKUP|SUBSTITUTE))*)?$'),
    country             text NOT NULL DEFAULT 'US',
    time_zone           text NOT NULL DEFAULT 'UTC',
    handling_days       integer NOT NULL DEFAULT 1 CHECK (handling_days >= 0),
    pickup_radius_km    double precision NOT NULL DEFAULT 50 CHECK (pickup_radius_km > 0),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    version             bigint NOT NULL DEFAULT 0
);

CREATE TABLE stockout_sku (
    catalog_id          text NOT NULL REFERENCES stockout_catalog (id) ON DELETE CASCADE,
    sku                 text NOT NULL,
    name                text,
    category            text,
    brand               text,
    size                text,
    price               numeric(14, 2),
    policy              text NOT NULL DEFAULT 'NONE'
                        CHECK (policy IN ('BACKORDER', 'SUBSTITUTE', 'BACKORDER_OR_SUBSTITUTE', 'PICKUP_ONLY', 'NONE')),
    backorder_cap       integer NOT NULL DEFAULT 0 CHECK (backorder_cap >= 0),
    backorder_unlimited boolean NOT NULL DEFAULT false,
    lead_time_days      integer CHECK (lead_time_days >= 0),
    supplier            text,
    forced_out_of_stock boolean NOT NULL DEFAULT false,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (catalog_id, sku)
);
CREATE INDEX stockout_sku_category ON stockout_sku (catalog_id, category, price);

CREATE TABLE stockout_location (
    catalog_id          text NOT NULL REFERENCES stockout_catalog (id) ON DELETE CASCADE,
    code                text NOT NULL,
    name                text,
    kind                text NOT NULL CHECK (kind IN ('WAREHOUSE', 'STORE')),
    ships               boolean NOT NULL DEFAULT false,
    pickup              boolean NOT NULL DEFAULT false,
    latitude            double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude           double precision CHECK (longitude BETWEEN -180 AND 180),
    time_zone           text NOT NULL DEFAULT 'UTC',
    opening_hours       jsonb,
    pickup_lead_seconds bigint NOT NULL DEFAULT 0 CHECK (pickup_lead_seconds >= 0),
    postal_code         text,
    address             text,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (catalog_id, code)
);
-- pickup search: a latitude band first, then the exact distance
CREATE INDEX stockout_location_pickup ON stockout_location (catalog_id, latitude, longitude) WHERE pickup;

CREATE TABLE stockout_stock (
    catalog_id          text NOT NULL,
    sku                 text NOT NULL,
    location_code       text NOT NULL,
    on_hand             integer NOT NULL CHECK (on_hand >= 0),
    safety_stock        integer NOT NULL DEFAULT 0 CHECK (safety_stock >= 0),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (catalog_id, sku, location_code),
    FOREIGN KEY (catalog_id, sku) REFERENCES stockout_sku (catalog_id, sku) ON DELETE CASCADE,
    FOREIGN KEY (catalog_id, location_code) REFERENCES stockout_location (catalog_id, code) ON DELETE CASCADE
);
CREATE INDEX stockout_stock_location ON stockout_stock (catalog_id, location_code);

CREATE TABLE stockout_inbound (
    catalog_id          text NOT NULL,
    reference           text NOT NULL,
    sku                 text NOT NULL,
    quantity            integer NOT NULL CHECK (quantity > 0),
    expected_date       date NOT NULL,
    supplier            text,
    location_code       text,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (catalog_id, reference),
    FOREIGN KEY (catalog_id, sku) REFERENCES stockout_sku (catalog_id, sku) ON DELETE CASCADE,
    FOREIGN KEY (catalog_id, location_code) REFERENCES stockout_location (catalog_id, code) ON DELETE CASCADE
);
CREATE INDEX stockout_inbound_sku ON stockout_inbound (catalog_id, sku, expected_date);

CREATE TABLE stockout_substitute (
    catalog_id          text NOT NULL,
    sku                 text NOT NULL,
    substitute_sku      text NOT NULL,
    rank                integer NOT NULL DEFAULT 1 CHECK (rank >= 1),
    PRIMARY KEY (catalog_id, sku, substitute_sku),
    CHECK (sku <> substitute_sku),
    FOREIGN KEY (catalog_id, sku) REFERENCES stockout_sku (catalog_id, sku) ON DELETE CASCADE,
    FOREIGN KEY (catalog_id, substitute_sku) REFERENCES stockout_sku (catalog_id, sku) ON DELETE CASCADE
);

-- reference data shared by all catalogs: where a shopper's postal code is
CREATE TABLE stockout_postal_code (
    country             text NOT NULL,
    postal_code         text NOT NULL,
    latitude            double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude           double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    PRIMARY KEY (country, postal_code)
);
