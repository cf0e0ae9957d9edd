package io.stockout.runtime.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.stockout.runtime.problem.StockoutProblem;

/**
 * Stockout's signature scheme is the Standard Webhooks one: the specification's published test vector verifies, and
 * anything else about the headers is a 401 naming the header.
 */
class StockoutSignatureTest {

    // the published vector of the Standard Webhooks specification
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String TIMESTAMP = "1614265330";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final Instant SIGNED_AT = Instant.ofEpochSecond(1614265330);
    private static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void thePublishedVectorVerifies() {
        StockoutSignature signature = StockoutSignature.read(ID, TIMESTAMP, SIGNATURE, SIGNED_AT, WINDOW);

        assertThat(signature.signedWith(SECRET, BODY)).isTrue();
        assertThat(StockoutSignature.sign(SECRET, ID, 1614265330, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void otherBytesOfTheSameDocumentDoNotVerify() {
        StockoutSignature signature = StockoutSignature.read(ID, TIMESTAMP, SIGNATURE, SIGNED_AT, WINDOW);

        assertThat(signature.signedWith(SECRET, "{\"test\":2432232314}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(signature.signedWith("whsec_" + "A".repeat(32), BODY)).isFalse();
    }

    @Test
    void anotherIdOrTimestampDoesNotVerify() {
        assertThat(StockoutSignature.read("msg_other", TIMESTAMP, SIGNATURE, SIGNED_AT, WINDOW).signedWith(SECRET, BODY))
                .isFalse();
        assertThat(StockoutSignature.read(ID, "1614265331", SIGNATURE, SIGNED_AT, WINDOW).signedWith(SECRET, BODY))
                .isFalse();
    }

    @Test
    void oneValidSignatureAmongSeveralVerifies() {
        String several = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= " + SIGNATURE + " v2,whatever";

        assertThat(StockoutSignature.read(ID, TIMESTAMP, several, SIGNED_AT, WINDOW).signedWith(SECRET, BODY)).isTrue();
    }

    @Test
    void theReplayWindowIsTheConfiguredOneBothWays() {
        assertThat(StockoutSignature.read(ID, TIMESTAMP, SIGNATURE, SIGNED_AT.plus(WINDOW), WINDOW)).isNotNull();
        assertThat(StockoutSignature.read(ID, TIMESTAMP, SIGNATURE, SIGNED_AT.minus(WINDOW), WINDOW)).isNotNull();
        refused(() -> StockoutSignature.read(ID, TIMESTAMP, SIGNATURE, SIGNED_AT.plus(WINDOW).plusSeconds(1), WINDOW),
                "webhook-timestamp");
        refused(() -> StockoutSignature.read(ID, TIMESTAMP, SIGNATURE, SIGNED_AT.minusSeconds(61), Duration.ofMinutes(1)),
                "webhook-timestamp");
    }

    @Test
    void malformedHeadersAreRefusedNamingTheHeader() {
        refused(() -> StockoutSignature.read(null, TIMESTAMP, SIGNATURE, SIGNED_AT, WINDOW), "webhook-id");
        refused(() -> StockoutSignature.read("has space", TIMESTAMP, SIGNATURE, SIGNED_AT, WINDOW), "webhook-id");
        refused(() -> StockoutSignature.read(ID, null, SIGNATURE, SIGNED_AT, WINDOW), "webhook-timestamp");
        refused(() -> StockoutSignature.read(ID, "2021-02-25T15:02:10Z", SIGNATURE, SIGNED_AT, WINDOW), "webhook-timestamp");
        refused(() -> StockoutSignature.read(ID, "-1", SIGNATURE, SIGNED_AT, WINDOW), "webhook-timestamp");
        refused(() -> StockoutSignature.read(ID, TIMESTAMP, null, SIGNED_AT, WINDOW), "webhook-signature");
        refused(() -> StockoutSignature.read(ID, TIMESTAMP, "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", SIGNED_AT,
                WINDOW), "webhook-signature");
        // the right digest in hex instead of base64
        refused(() -> StockoutSignature.read(ID, TIMESTAMP,
                "v1,83484cf52b04f8e4cf2531adfed9882ad4b2665137b852442d594d20e2c9d4e1", SIGNED_AT, WINDOW),
                "webhook-signature");
        refused(() -> StockoutSignature.read(ID, TIMESTAMP, "v1,!!!", SIGNED_AT, WINDOW), "webhook-signature");
    }

    private static void refused(Runnable reading, String header) {
        assertThatThrownBy(reading::run).isInstanceOfSatisfying(StockoutProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(401);
            assertThat(problem.field()).isEqualTo(header);
        });
    }
}
