package io.stockout.demo.shop;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.stockout.demo.shop.ShopSession.Cart;

/**
 * The storefront's shopper sessions, kept in memory: a demo shop on one instance needs no more. A session is found by
 * its random cookie value; sessions idle for two hours are forgotten, and the oldest ones go first when there are too
 * many.
 * <p>
 * Reading pages keeps nothing: a browser without a session gets a random cookie value and forms whose token is signed
 * for that value, and the session starts only when such a form asks for something that needs one (a ZIP code, a cart
 * line). A flood of requests without a cookie therefore never pushes real shoppers' sessions out.
 */
@ApplicationScoped
public class ShopSessions {

    public static final String COOKIE = "shop-session";
    static final Duration IDLE = Duration.ofHours(2);
    static final int MAX = 10_000;
    /** A cookie value as this class makes them: 32 bytes, URL-safe Base64 without padding. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final String SIGNATURE = "HmacSHA256";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, ShopSession> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    /** Signs the form tokens; a new one at every start, when the sessions kept in memory are gone anyway. */
    private final SecretKeySpec key;

    @Inject
    public ShopSessions() {
        this(Clock.systemUTC());
    }

    ShopSessions(Clock clock) {
        this.clock = clock;
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        this.key = new SecretKeySpec(bytes, SIGNATURE);
    }

    /**
     * A browser asking the shop: the value of its session cookie, the token its forms carry, and its session once it has
     * one.
     *
     * @param session {@code null} until the shopper did something that needs a session
     */
    public record Visitor(String id, String csrfToken, ShopSession session) {

        /** Whether a form carried this visitor's token; compared in constant time. */
        public boolean sent(String token) {
            return token != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8));
        }

        /** The remembered ZIP code; {@code null} when there is none. */
        public String zip() {
            return session == null ? null : session.zip();
        }

        /** The cart; an empty one without a session. */
        public Cart cart() {
            return session == null ? Cart.NONE : session.cart();
        }
    }

    /**
     * Who sent this cookie value, without keeping anything: the live session it names, or a visitor without one. A value
     * that cannot be one of this shop's is replaced by a new random one.
     */
    public Visitor visitor(String cookie) {
        ShopSession session = find(cookie);
        if (session != null) {
            return new Visitor(session.id(), csrfToken(session.id()), session);
        }
        String id = cookie != null && ID.matcher(cookie).matches() ? cookie : token();
        return new Visitor(id, csrfToken(id), null);
    }

    /** The visitor's session, started now under the visitor's cookie value when there is none yet. */
    public ShopSession open(Visitor visitor) {
        if (visitor.session() != null) {
            return visitor.session();
        }
        Instant now = clock.instant();
        if (sessions.size() >= MAX) {
            sessions.values().removeIf(session -> !live(session, now));
            while (sessions.size() >= MAX) {
                sessions.values()
                        .stream()
                        .min(Comparator.comparing(ShopSession::lastUsed))
                        .ifPresent(oldest -> sessions.remove(oldest.id()));
            }
        }
        // two forms of one visitor sent at once start one session
        return sessions.compute(visitor.id(), (id, kept) -> kept != null && live(kept, now)
                ? kept
                : new ShopSession(id, token(), now));
    }

    /** The live session of this cookie value; {@code null} when there is none. */
    ShopSession find(String id) {
        if (id == null) {
            return null;
        }
        ShopSession session = sessions.get(id);
        Instant now = clock.instant();
        if (session == null || !live(session, now)) {
            return null;
        }
        session.touch(now);
        return session;
    }

    /** How many sessions are kept now, live or not yet forgotten. */
    public int count() {
        return sessions.size();
    }

    private static boolean live(ShopSession session, Instant now) {
        return !session.lastUsed().plus(IDLE).isBefore(now);
    }

    /** The form token for a cookie value: its signature, so that only a page this shop rendered for it carries it. */
    String csrfToken(String id) {
        try {
            Mac mac = Mac.getInstance(SIGNATURE);
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has " + SIGNATURE, e);
        }
    }

    /** 32 random bytes, URL-safe. */
    String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
