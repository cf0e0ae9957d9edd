package io.stockout.benchmark.decision;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.stockout.OfferKind;
import io.stockout.OutOfStockPolicy;
import io.stockout.runtime.decision.AvailabilityAnswer;
import io.stockout.runtime.decision.AvailabilityDecision;
import io.stockout.runtime.decision.AvailabilityFacts;
import io.stockout.runtime.decision.CatalogFacts;
import io.stockout.runtime.decision.DecisionSettings;
import io.stockout.runtime.decision.RequestedLine;
import io.stockout.runtime.decision.SkuFacts;
import io.stockout.runtime.decision.StoreFacts;
import io.stockout.runtime.decision.SubstituteCandidate;
import io.stockout.runtime.decision.SubstituteMatch;
import io.stockout.runtime.pickup.OpeningHours;
import io.stockout.runtime.promise.BusinessCalendar;
import io.stockout.runtime.promise.InboundLot;
import io.stockout.runtime.promise.LeadTime;
import io.stockout.runtime.promise.PromiseTerms;
import io.stockout.runtime.promise.SupplierHistory;
import io.stockout.runtime.promise.Supply;

/**
 * The pure availability decision, facts already loaded: every requested line is out of stock, may be backordered
 * (against an inbound lot), picked up at any of the nearby stores, or replaced by any of its in-stock substitutes, so
 * each offer kind does its full work. Run by {@code scripts/benchmark.sh}, or alone:
 *
 * <pre>
 * java -cp "benchmark/target/classes:$(cat benchmark/target/classpath.txt)" org.openjdk.jmh.Main DecisionBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecisionBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final Instant NOW = LocalDate.parse("2026-03-03").atTime(10, 0).atZone(ZONE).toInstant();

    /** Requested lines, each out of stock. */
    @Param({"1", "5", "50"})
    public int lines;

    /** Nearby stores, each holding every requested SKU. */
    @Param({"0", "10", "100"})
    public int stores;

    /** Substitute candidates per line, each in stock. */
    @Param({"0", "5", "25"})
    public int substitutes;

    private AvailabilityDecision decision;
    private AvailabilityFacts facts;
    private List<RequestedLine> requested;

    @Setup
    public void facts() {
        decision = new AvailabilityDecision(new DecisionSettings(5, 3, Duration.ofDays(14), new SupplierHistory(2, 5)));
        CatalogFacts catalog = new CatalogFacts("bench", true, false,
                List.of(OfferKind.BACKORDER, OfferKind.PICKUP, OfferKind.SUBSTITUTE), ZONE,
                new PromiseTerms(BusinessCalendar.WEEKDAYS, 1, 2, false, 0.95));
        Map<String, SkuFacts> skus = new HashMap<>();
        Map<String, Integer> held = new HashMap<>();
        requested = new ArrayList<>();
        for (int line = 0; line < lines; line++) {
            String sku = "SKU-" + line;
            List<SubstituteCandidate> candidates = new ArrayList<>();
            for (int s = 0; s < substitutes; s++) {
                String substitute = sku + "-ALT-" + s;
                candidates.add(new SubstituteCandidate(substitute, s < 2 ? SubstituteMatch.LINKED : SubstituteMatch.SIMILAR,
                        s + 1));
                skus.put(substitute, sku(substitute, OutOfStockPolicy.NONE, 50, Supply.NONE, List.of()));
            }
            Supply supply = new Supply(List.of(new InboundLot("PO-" + line, LocalDate.parse("2026-03-20"), 40)),
                    new LeadTime(14, null, null));
            skus.put(sku, sku(sku, OutOfStockPolicy.BACKORDER_OR_SUBSTITUTE, 0, supply, candidates));
            held.put(sku, 3);
            requested.add(new RequestedLine(sku, 2));
        }
        Map<String, String> hours = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day.name().toLowerCase(), "08:00-21:00");
        }
        OpeningHours opening = OpeningHours.parse(hours);
        List<StoreFacts> near = new ArrayList<>();
        for (int store = 0; store < stores; store++) {
            near.add(new StoreFacts("ST-" + store, "Store " + store, 0.5 + store, ZONE, opening, Duration.ofHours(1),
                    held));
        }
        facts = new AvailabilityFacts(catalog, skus, stores > 0, near);
    }

    private static SkuFacts sku(String sku, OutOfStockPolicy policy, int shipAvailable, Supply supply,
            List<SubstituteCandidate> substitutes) {
        return new SkuFacts(sku, "Product " + sku, "CAT-1", "BRAND-1", "M", new BigDecimal("19.90"), policy, 0, true, false,
                shipAvailable, 0, supply, substitutes);
    }

    @Benchmark
    public AvailabilityAnswer decide() {
        return decision.decide(facts, requested, NOW);
    }
}
