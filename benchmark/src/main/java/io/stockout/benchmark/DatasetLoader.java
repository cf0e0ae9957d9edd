package io.stockout.benchmark;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes a {@link Dataset} into Stockout's tables with {@code COPY}, straight from the generator, then analyzes the
 * tables so that the planner knows their sizes. The schema must exist: the application migrates it at start.
 */
public final class DatasetLoader {

    private static final Logger LOG = Logger.getLogger(DatasetLoader.class);
    private static final int FLUSH_AT = 1 << 20;
    private static final String HOURS = "{\"monday\": \"08:00-21:00\", \"tuesday\": \"08:00-21:00\", "
            + "\"wednesday\": \"08:00-21:00\", \"thursday\": \"08:00-21:00\", \"friday\": \"08:00-21:00\", "
            + "\"saturday\": \"09:00-20:00\", \"sunday\": \"10:00-13:00\"}";

    private final String jdbcUrl;
    private final String user;
    private final String password;

    public DatasetLoader(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** Loads the dataset as a new catalog; {@code today} dates its inbound supply. */
    public void load(Dataset dataset, LocalDate today) throws SQLException {
        long started = System.nanoTime();
        String catalog = dataset.catalog();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // the generator writes consistent rows: the foreign-key triggers would only slow the copy
                statement.execute("SET session_replication_role = replica");
            }
            PGConnection pg = connection.unwrap(PGConnection.class);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

            copy(pg, "stockout_catalog (id, name, country, time_zone, pickup_radius_km)", 1,
                    (row, out) -> out.fields(catalog, "Benchmark " + dataset.name(), "FR", Dataset.TIME_ZONE,
                            Dataset.PICKUP_RADIUS_KM));
            copy(pg, "stockout_webhook_secret (catalog_id, source, current, secret, created_at)", 1,
                    (row, out) -> out.fields(catalog, "STOCKOUT", true, dataset.secret(), now));
            copy(pg, "stockout_supplier (catalog_id, code, name, lead_time_days)", Dataset.SUPPLIERS,
                    (i, out) -> out.fields(catalog, Dataset.supplier(i), "Supplier " + i, 10 + i % 10));
            copy(pg, "stockout_location (catalog_id, code, name, kind, ships, pickup, time_zone)", Dataset.WAREHOUSES,
                    (i, out) -> out.fields(catalog, Dataset.warehouse(i), "Warehouse " + (i + 1), "WAREHOUSE", true,
                            false, Dataset.TIME_ZONE));
            copy(pg, "stockout_location (catalog_id, code, name, kind, ships, pickup, latitude, longitude, time_zone,"
                    + " opening_hours, pickup_lead_seconds)", dataset.stores(),
                    (i, out) -> out.fields(catalog, Dataset.store(i), "Store " + i, "STORE", false, true,
                            Dataset.storeLatitude(i), Dataset.storeLongitude(i), Dataset.TIME_ZONE, HOURS, 3600));
            copy(pg, "stockout_sku (catalog_id, sku, name, category, brand, size, price, policy, backorder_cap,"
                    + " backorder_unlimited, lead_time_days, supplier)", dataset.skus(),
                    (i, out) -> {
                        boolean dry = Dataset.isOutOfStock(i);
                        String policy = dry ? "BACKORDER_OR_SUBSTITUTE" : policy(i);
                        out.fields(catalog, Dataset.sku(i), "Product " + i, Dataset.category(i), Dataset.brand(i),
                                Dataset.size(i), cents(Dataset.priceCents(i)), policy, dry ? 0 : 100, dry,
                                i % 3 == 0 ? null : 14, Dataset.supplier(i));
                    });
            copy(pg, "stockout_stock (catalog_id, sku, location_code, on_hand, safety_stock)", dataset.skus(),
                    (i, out) -> {
                        boolean dry = Dataset.isOutOfStock(i);
                        out.fields(catalog, Dataset.sku(i), Dataset.warehouse(i % Dataset.WAREHOUSES),
                                dry ? 0 : 20 + Dataset.mix(i, 9) % 200, 2);
                        for (int k = 0; k < Dataset.STORES_PER_SKU; k++) {
                            out.fields(catalog, Dataset.sku(i), Dataset.store(dataset.storeOf(i, k)),
                                    1 + Dataset.mix(i, 10 + k) % 8, k == 0 ? 0 : 1);
                        }
                    });
            copy(pg, "stockout_inbound (catalog_id, reference, sku, quantity, expected_date, first_expected_date,"
                    + " supplier, location_code)", dataset.skus(),
                    (i, out) -> {
                        if (Dataset.isOutOfStock(i) || i % 10 == 1) {
                            LocalDate expected = today.plusDays(7 + i % 21);
                            out.fields(catalog, "PO-" + i, Dataset.sku(i), 40 + i % 60, expected, expected,
                                    Dataset.supplier(i), Dataset.warehouse(i % Dataset.WAREHOUSES));
                        }
                    });
            copy(pg, "stockout_substitute (catalog_id, sku, substitute_sku, rank)", dataset.skus(),
                    (i, out) -> {
                        if (Dataset.isOutOfStock(i) && i + 2 < dataset.skus()) {
                            out.fields(catalog, Dataset.sku(i), Dataset.sku(i + 1), 1);
                            out.fields(catalog, Dataset.sku(i), Dataset.sku(i + 2), 2);
                        }
                    });
            connection.commit();
        }
        LOG.infof("Loaded catalog %s (%d SKUs, %d stores) in %d s", catalog, dataset.skus(), dataset.stores(),
                (System.nanoTime() - started) / 1_000_000_000L);
    }

    /** Refreshes the planner's statistics and the visibility map of every table the datasets wrote. */
    public void analyze() throws SQLException {
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            for (String table : new String[]{"stockout_catalog", "stockout_webhook_secret", "stockout_supplier",
                    "stockout_location", "stockout_sku", "stockout_stock", "stockout_inbound", "stockout_substitute"}) {
                statement.execute("VACUUM ANALYZE " + table);
            }
        }
        LOG.infof("Analyzed the tables in %d s", (System.nanoTime() - started) / 1_000_000_000L);
    }

    private static String policy(int sku) {
        return switch (Dataset.mix(sku, 11) % 5) {
            case 0 -> "BACKORDER";
            case 1 -> "SUBSTITUTE";
            case 2 -> "BACKORDER_OR_SUBSTITUTE";
            case 3 -> "PICKUP_ONLY";
            default -> "NONE";
        };
    }

    private static String cents(int cents) {
        return cents / 100 + "." + (cents % 100 < 10 ? "0" : "") + cents % 100;
    }

    /** Writes the rows of one index. */
    private interface Rows {

        void write(int index, Out out);
    }

    private static void copy(PGConnection pg, String target, int count, Rows rows) throws SQLException {
        CopyIn copy = pg.getCopyAPI().copyIn("COPY " + target + " FROM STDIN");
        Out out = new Out(copy);
        try {
            for (int i = 0; i < count; i++) {
                rows.write(i, out);
                out.flushIfFull();
            }
            out.flush();
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** COPY's text format: tab-separated fields, {@code \N} for null; no generated value holds a tab or backslash. */
    private static final class Out {

        private final CopyIn copy;
        private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 4096);

        Out(CopyIn copy) {
            this.copy = copy;
        }

        void fields(Object... values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    buffer.append('\t');
                }
                buffer.append(values[i] == null ? "\\N" : values[i].toString());
            }
            buffer.append('\n');
        }

        void flushIfFull() throws SQLException {
            if (buffer.length() >= FLUSH_AT) {
                flush();
            }
        }

        void flush() throws SQLException {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }
    }
}
