package io.stockout.runtime.cart;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.stockout.OfferKind;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.catalog.CatalogSettings;
import io.stockout.runtime.catalog.Catalogs;
import io.stockout.runtime.json.Fingerprint;
import io.stockout.runtime.metrics.Counters;
import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;
import io.stockout.runtime.webhook.Cutoff;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Cart validation: one transaction that reads the catalog, takes the cart's row lock (creating the cart) and locks its
 * SKUs, releases the cart's previous holds, reads what is free, plans, and writes the new holds and the plan.
 */
@ApplicationScoped
public class CartService {

    private static final Logger LOG = Logger.getLogger(CartService.class);

    /**
     * Reads the catalog, creates the cart or takes the existing cart's row lock, and locks the cart's SKUs, in one
     * statement: the no-op update of a conflicting insert locks the row as {@code SELECT ... FOR UPDATE} would, and
     * returns its latest version. The SKUs' row locks are taken once the cart's row is locked (they are read from it),
     * in SKU order, as every claim takes them (see {@link CartStatements}); the free units are read by the next
     * statement, which sees every claim committed before the locks were granted. No cart row comes back, and nothing is
     * locked, when the catalog does not exist. {@code xmax = 0} marks a row this statement inserted.
     */
    private static final String OPEN_CART = """
            WITH cat AS (SELECT %s FROM stockout_catalog WHERE id = $1),
            cart AS (
                INSERT INTO stockout_cart (catalog_id, cart_id, version, updated_at)
                SELECT $1, $2::text, $3::bigint, $4::timestamptz FROM cat
                ON CONFLICT (catalog_id, cart_id) DO UPDATE SET cart_id = excluded.cart_id
                RETURNING version, state, plan::text AS plan, request_hash, expires_at, (xmax = 0) AS created),
            locked AS (
                SELECT s.sku FROM stockout_sku s, (SELECT 1 FROM cart LIMIT 1) opened
                 WHERE s.catalog_id = $1 AND s.sku = ANY ($5::text[])
                 ORDER BY s.sku
                   FOR UPDATE OF s)
            SELECT cat.*, cart.*, (SELECT count(*) FROM locked) AS locked FROM cat LEFT JOIN cart ON true"""
            .formatted(Catalogs.columns(""));
    private static final String RELEASE = "DELETE FROM stockout_hold WHERE catalog_id = $1 AND cart_id = $2";
    /** Writes the new holds and the plan in one statement. */
    private static final String HOLD_AND_SAVE = """
            WITH held AS (%s)
            UPDATE stockout_cart SET version = $10, plan = $11::text::jsonb, expires_at = $7, updated_at = $8,
                   request_hash = $12
             WHERE catalog_id = $1 AND cart_id = $2""".formatted(CartStatements.INSERT_HOLDS);

    private final Pool pool;
    private final CartStatements statements;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final StockoutRuntimeConfig config;
    private final CartDecision decision;
    private final Counters counters;

    public CartService(Pool pool, CartStatements statements, CartDecision decision, Clock clock, ObjectMapper mapper,
            StockoutRuntimeConfig config, Counters counters) {
        this.counters = counters;
        this.pool = pool;
        this.statements = statements;
        this.clock = clock;
        this.mapper = mapper;
        this.config = config;
        this.decision = decision;
    }

    /**
     * Validates a cart in one transaction, which commits through {@code cutoff}: a validation whose answer was already
     * given without it (degraded, after the webhook deadline) rolls back and holds nothing.
     */
    public Uni<CartPlan> validate(String catalog, String cartId, CartRequest request, Cutoff cutoff) {
        Checks.catalogId(catalog);
        Checks.cartId(cartId);
        long version = Checks.present("version", request.version());
        if (version < 0) {
            throw StockoutProblem.invalid("version", "must not be negative");
        }
        List<CartLine> lines = lines(request);
        // the same lines in another order are the same cart
        String fingerprint = Fingerprint.of(lines.stream().map(CartLine::toString).sorted().toArray());
        OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);

        List<Claim> claimed = new ArrayList<>();
        List<LinePlan> planned = new ArrayList<>();
        // the catalog is read with the cart, fresh: a cart's claims never rest on settings kept in memory
        String[] skus = lines.stream().map(CartLine::sku).distinct().sorted().toArray(String[]::new);
        return pool.withTransaction(connection -> connection.preparedQuery(OPEN_CART)
                .execute(Tuple.of(catalog, cartId, version, now, skus))
                .flatMap(opened -> {
                    if (opened.size() == 0) {
                        return Uni.createFrom().failure(StockoutProblem.unknownCatalog(catalog));
                    }
                    Row cart = opened.iterator().next();
                    CatalogSettings found = Catalogs.read(catalog, cart);
                    CartPlan kept = unchanged(cart, catalog, cartId, version, fingerprint, now);
                    if (kept != null) {
                        return Uni.createFrom().item(kept);
                    }
                    OffsetDateTime expiresAt = now.plus(found.holdTime());
                    // a cart created by this transaction has no holds to release
                    Uni<Void> released = cart.getBoolean("created")
                            ? Uni.createFrom().voidItem()
                            : connection.preparedQuery(RELEASE).execute(Tuple.of(catalog, cartId)).replaceWithVoid();
                    return released.flatMap(done -> claim(connection, found, catalog, cartId, version, lines, fingerprint,
                            now, expiresAt, claimed))
                            .invoke(plan -> planned.addAll(plan.lines()));
                })
                .call(plan -> cutoff.commit()))
                // counted once committed: a claim rolled back created no hold, and showed no plan
                .invoke(plan -> {
                    claimed.forEach(claim -> counters.add(catalog, Counters.HOLDS_CREATED, claim.sku(), 1, now.toInstant()));
                    countOffers(catalog, planned, now);
                });
    }

    /**
     * A new plan shows the shopper what the cart gets instead of units to ship now: its backorder, pickup and substitute
     * parts are offers shown, counted like those of availability answers. An order placed from the cart counts its
     * choices at the plan's time, so every choice falls in the same window as an offer shown, and take-up never exceeds
     * one, even for a storefront that never asks for availability.
     */
    private void countOffers(String catalog, List<LinePlan> lines, OffsetDateTime now) {
        for (LinePlan line : lines) {
            if (line.backorder() != null) {
                counters.add(catalog, Counters.OFFERED + OfferKind.BACKORDER.name(), line.sku(), 1, now.toInstant());
            }
            if (line.pickup() != null) {
                counters.add(catalog, Counters.OFFERED + OfferKind.PICKUP.name(), line.sku(), 1, now.toInstant());
            }
            if (line.substituteFor() != null) {
                counters.add(catalog, Counters.OFFERED + OfferKind.SUBSTITUTE.name(), line.substituteFor(), 1,
                        now.toInstant());
            }
        }
    }

    private Uni<CartPlan> claim(SqlConnection connection, CatalogSettings catalog, String catalogId, String cartId,
            long version, List<CartLine> lines, String fingerprint, OffsetDateTime now, OffsetDateTime expiresAt,
            List<Claim> claimed) {
        return statements.read(connection, catalog.facts(), lines, now)
                .flatMap(facts -> {
                    CartDecision.Result result = decision.plan(catalog.facts(), facts, lines, now.toInstant());
                    CartPlan plan = new CartPlan(catalogId, cartId, version, expiresAt, result.lines());
                    claimed.addAll(result.claims());
                    List<Object> parameters = new ArrayList<>(CartStatements.holdParameters(catalogId, cartId,
                            result.claims(), expiresAt, now));
                    parameters.addAll(List.of(version, json(plan), fingerprint));
                    return connection.preparedQuery(HOLD_AND_SAVE)
                            .execute(Tuple.from(parameters))
                            .replaceWith(plan);
                });
    }

    /** The plan already made for this version while its holds live; a refusal for a closed cart or an older version. */
    private CartPlan unchanged(Row cart, String catalog, String cartId, long version, String fingerprint,
            OffsetDateTime now) {
        String state = cart.getString("state");
        if (!"OPEN".equals(state)) {
            throw new StockoutProblem(409, "cart-closed", "The cart is closed",
                    "Cart '" + cartId + "' is " + state.toLowerCase() + "; a new cart needs a new id", "cartId");
        }
        long current = cart.getLong("version");
        if (version < current) {
            throw new StockoutProblem(409, "stale-cart-version", "A newer version of the cart is already validated",
                    "Version " + version + " is older than version " + current + " of cart '" + cartId + "'", "version");
        }
        if (version == current && cart.getString("request_hash") != null
                && !fingerprint.equals(cart.getString("request_hash"))) {
            throw new StockoutProblem(409, "cart-version-reused", "This cart version was validated with other lines",
                    "Version " + version + " of cart '" + cartId + "' asked for other lines; send a new version", "version");
        }
        OffsetDateTime expiresAt = cart.getOffsetDateTime("expires_at");
        String plan = cart.getString("plan");
        if (version == current && plan != null && expiresAt != null && expiresAt.isAfter(now)) {
            try {
                return mapper.readValue(plan, CartPlan.class);
            } catch (JsonProcessingException e) {
                LOG.warnf("Cart %s of catalog %s has an unreadable plan; validating it again", cartId, catalog);
            }
        }
        return null;
    }

    private List<CartLine> lines(CartRequest request) {
        List<CartRequest.Line> lines = request.lines();
        Checks.present("lines", lines);
        int max = config.availability().maxLines();
        if (lines.size() > max) {
            throw StockoutProblem.invalid("lines", "has " + lines.size() + " lines; at most " + max + " are taken");
        }
        List<CartLine> valid = new ArrayList<>(lines.size());
        java.util.Map<List<String>, Integer> together = new java.util.HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            CartRequest.Line line = lines.get(i);
            String at = "lines[" + i + "]";
            if (line == null) {
                throw StockoutProblem.invalid(at, "must be an object, not null");
            }
            CartLine line_ = new CartLine(Checks.required(at + ".sku", line.sku(), 256),
                    Checks.range(at + ".quantity", line.quantity(), 1, config.availability().maxQuantity()),
                    Checks.optional(at + ".pickupStore", line.pickupStore(), 256),
                    Checks.optional(at + ".substituteFor", line.substituteFor(), 256));
            if (line_.sku().equals(line_.substituteFor())) {
                throw StockoutProblem.invalid(at + ".substituteFor", "names the line's own SKU");
            }
            // lines of the same SKU and pickup choice count together, and together stay within the largest quantity
            int total = together.merge(java.util.Arrays.asList(line_.sku(), line_.pickupStore()), line_.quantity(),
                    Integer::sum);
            if (total > config.availability().maxQuantity()) {
                throw StockoutProblem.invalid(at + ".quantity", "lines of '" + line_.sku() + "' add up to " + total
                        + ", more than " + config.availability().maxQuantity());
            }
            valid.add(line_);
        }
        return valid;
    }

    private String json(CartPlan plan) {
        try {
            return mapper.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A cart plan cannot be written as JSON", e);
        }
    }
}
