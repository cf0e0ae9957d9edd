package io.stockout.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stockout.benchmark.LoadDriver.Line;
import io.stockout.benchmark.LoadDriver.Measurements;
import io.stockout.benchmark.decision.DecisionBenchmark;

/**
 * The whole harness on a tiny dataset, briefly: the dataset loads, each workload asks what it says it asks, Hyperfoil
 * drives all three without an error, statements are counted, and the report is written. No figure is judged.
 */
@QuarkusTest
@WithTestResource(BenchmarkDatabase.class)
class BenchmarkSmokeTest {

    private static final Dataset TINY = new Dataset("tiny", 400, 8);
    private static final Dataset TINIER = new Dataset("tinier", 100, 4);
    private static boolean loaded;

    @TestHTTPResource("/")
    URL application;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    private final ObjectMapper json = new ObjectMapper();

    private RoundTrips roundTrips() throws Exception {
        if (!loaded) {
            DatasetLoader loader = new DatasetLoader(jdbcUrl, EmbeddedDatabase.USER, EmbeddedDatabase.USER);
            loader.load(TINY, LocalDate.now(ZoneOffset.UTC));
            loader.load(TINIER, LocalDate.now(ZoneOffset.UTC));
            loader.analyze();
            loaded = true;
        }
        return new RoundTrips(application.toURI(), jdbcUrl, EmbeddedDatabase.USER, EmbeddedDatabase.USER);
    }

    @Test
    void theAvailabilityCheckMeetsOutOfStockLinesWithEveryOfferKind() throws Exception {
        RoundTrips client = roundTrips();

        JsonNode answer = json.readTree(client.send(Workload.availability(TINY).next(new SplittableRandom(1))));

        assertThat(answer.path("lines")).hasSize(Workload.AVAILABILITY_LINES);
        assertThat(answer.path("lines")).allSatisfy(line -> assertThat(line.path("shipNow").asInt()).isZero());
        assertThat(answer.path("lines").findValuesAsText("kind")).contains("BACKORDER", "SUBSTITUTE", "PICKUP");
        assertThat(answer.path("shopper").path("located").asBoolean()).isTrue();
    }

    @Test
    void theCartValidationHoldsEveryLineAsABackorder() throws Exception {
        RoundTrips client = roundTrips();

        JsonNode plan = json.readTree(client.send(Workload.cart(TINY).next(new SplittableRandom(2))));

        assertThat(plan.path("lines")).hasSize(Workload.CART_LINES);
        assertThat(plan.path("lines")).allSatisfy(
                line -> assertThat(line.path("backorder").path("quantity").asInt()).isEqualTo(Workload.QUANTITY));
    }

    @Test
    void theDriverMeasuresEveryWorkloadAndWritesTheReport() throws Exception {
        LoadDriver driver = new LoadDriver(new LoadGenerator(application.getHost(), application.getPort()), roundTrips());
        LoadDriver.Plan plan = new LoadDriver.Plan(List.of(TINIER, TINY), TINY, 4, 8, Duration.ofMillis(100),
                Duration.ofMillis(300), 1, Duration.ofMillis(300), 5, 1);

        Measurements measured = driver.measure(plan);

        assertThat(measured.lines()).extracting(line -> line.workload().label())
                .containsExactly("B tiny/8", "W1 tiny/8", "W2 tiny/8", "W1 tinier/4");
        for (Line line : measured.lines()) {
            assertThat(line.saturation().responses()).as(line.workload().label()).isPositive();
            assertThat(line.saturation().errors()).as(line.workload().label()).isZero();
            assertThat(line.statements()).as(line.workload().label()).isPositive();
        }
        assertThat(measured.line("B").statements()).isEqualTo(1.0);
        assertThat(measured.line("W1").statements()).isLessThanOrEqualTo(2.0);
        assertThat(measured.growth()).hasSize(2);
        assertThat(Report.markdown(measured, "before", "after", "scripts/benchmark.sh"))
                .contains("| W2 | tiny/8 |", "W1 p50 grows", "Run: `scripts/benchmark.sh`");
    }

    @Test
    void theDecisionBenchmarkDecides() {
        DecisionBenchmark benchmark = new DecisionBenchmark();
        benchmark.lines = 5;
        benchmark.stores = 10;
        benchmark.substitutes = 5;
        benchmark.facts();

        assertThat(benchmark.decide().lines()).hasSize(5)
                .allSatisfy(line -> assertThat(line.offers()).extracting(offer -> offer.kind().name())
                        .contains("BACKORDER", "PICKUP", "SUBSTITUTE"));
    }
}
