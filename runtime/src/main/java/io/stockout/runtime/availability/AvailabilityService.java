package io.stockout.runtime.availability;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockout.OfferKind;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.availability.AvailabilityResponse.ShopperPosition;
import io.stockout.runtime.cart.CartDecisionProducer;
import io.stockout.runtime.decision.AvailabilityAnswer;
import io.stockout.runtime.decision.AvailabilityDecision;
import io.stockout.runtime.decision.DecisionSettings;
import io.stockout.runtime.decision.LineAnswer;
import io.stockout.runtime.decision.Offer;
import io.stockout.runtime.decision.RequestedLine;
import io.stockout.runtime.metrics.Counters;
import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;

/**
 * The availability check: validate, load the facts, decide, answer. Read-only.
 */
@ApplicationScoped
public class AvailabilityService {

    private final AvailabilityRepository repository;
    private final AvailabilityDecision decision;
    private final Clock clock;
    private final StockoutRuntimeConfig config;
    private final Counters counters;

    public AvailabilityService(AvailabilityRepository repository, Clock clock, StockoutRuntimeConfig config,
            Counters counters) {
        this.repository = repository;
        this.counters = counters;
        this.clock = clock;
        this.config = config;
        this.decision = new AvailabilityDecision(new DecisionSettings(config.pickup().maxStores(),
                config.substitutes().maxPerLine(), config.pickup().openingHorizon(), CartDecisionProducer.history(config)));
    }

    public Uni<AvailabilityResponse> check(String catalog, AvailabilityRequest request) {
        Checks.catalogId(catalog);
        List<RequestedLine> lines = lines(request);
        Optional<AvailabilityRequest.Shopper> shopper = shopper(request.shopper());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);

        return repository.load(catalog, lines.stream().map(RequestedLine::sku).toList(), shopper, now.atOffset(ZoneOffset.UTC))
                .map(loaded -> loaded.orElseThrow(() -> StockoutProblem.unknownCatalog(catalog)))
                .map(loaded -> {
                    AvailabilityAnswer answer = decision.decide(loaded.facts(), lines, now);
                    countOffers(catalog, answer);
                    return new AvailabilityResponse(catalog, now.atOffset(ZoneOffset.UTC), answer.active(),
                            position(shopper, loaded.surroundings()), answer.lines(), answer.pickupStores());
                });
    }

    /** Counts, per SKU, the out-of-stock offers shown for lines that are short: in memory, flushed later. */
    private void countOffers(String catalog, AvailabilityAnswer answer) {
        for (LineAnswer line : answer.lines()) {
            if (line.shipNow() >= line.requested()) {
                continue;
            }
            EnumSet<OfferKind> shown = EnumSet.noneOf(OfferKind.class);
            for (Offer offer : line.offers()) {
                if (offer.kind() != OfferKind.SHIP_NOW) {
                    shown.add(offer.kind());
                }
            }
            for (OfferKind kind : shown) {
                counters.add(catalog, Counters.OFFERED + kind.name(), line.sku(), 1);
            }
        }
    }

    private List<RequestedLine> lines(AvailabilityRequest request) {
        List<AvailabilityRequest.Line> lines = request.lines();
        if (lines == null || lines.isEmpty()) {
            throw StockoutProblem.invalid("lines", "must list at least one line");
        }
        int max = config.availability().maxLines();
        if (lines.size() > max) {
            throw StockoutProblem.invalid("lines", "has " + lines.size() + " lines; at most " + max + " are taken");
        }
        List<RequestedLine> requested = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            AvailabilityRequest.Line line = lines.get(i);
            String at = "lines[" + i + "]";
            if (line == null) {
                throw StockoutProblem.invalid(at, "must be an object, not null");
            }
            String sku = Checks.required(at + ".sku", line.sku(), 256);
            int quantity = Checks.range(at + ".quantity", line.quantity(), 1, config.availability().maxQuantity());
            requested.add(new RequestedLine(sku, quantity));
        }
        return requested;
    }

    private static Optional<AvailabilityRequest.Shopper> shopper(AvailabilityRequest.Shopper shopper) {
        if (shopper == null) {
            return Optional.empty();
        }
        if (shopper.latitude() != null || shopper.longitude() != null) {
            Checks.range("shopper.latitude", shopper.latitude(), -90, 90);
            Checks.range("shopper.longitude", shopper.longitude(), -180, 180);
        } else if (shopper.postalCode() != null) {
            String code = Checks.required("shopper.postalCode", shopper.postalCode(), 16).trim();
            if (!code.matches("[A-Za-z0-9][A-Za-z0-9 -]*")) {
                throw StockoutProblem.invalid("shopper.postalCode", "must be letters, digits, spaces and '-'");
            }
            // a US ZIP+4 is placed at its five-digit ZIP code's centroid
            if (code.matches("\\d{5}-\\d{4}")) {
                code = code.substring(0, 5);
            }
            shopper = new AvailabilityRequest.Shopper(null, null, code, shopper.country());
        } else {
            throw StockoutProblem.invalid("shopper", "needs latitude and longitude, or a postalCode");
        }
        if (shopper.country() != null) {
            Checks.country("shopper.country", shopper.country());
        }
        return Optional.of(shopper);
    }

    private static ShopperPosition position(Optional<AvailabilityRequest.Shopper> shopper,
            Optional<AvailabilityRepository.Surroundings> surroundings) {
        if (shopper.isEmpty()) {
            return null;
        }
        String postalCode = shopper.get().latitude() == null ? shopper.get().postalCode() : null;
        return surroundings
                .map(found -> new ShopperPosition(true, found.latitude(), found.longitude(), postalCode))
                .orElseGet(() -> new ShopperPosition(false, null, null, postalCode));
    }
}
