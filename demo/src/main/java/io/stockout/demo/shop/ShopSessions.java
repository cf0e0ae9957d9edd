package io.stockout.demo.shop;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The storefront's shopper sessions, kept in memory: a demo shop on one instance needs no more. A session is found by
 * its random cookie value; sessions idle for two hours are forgotten, and the oldest ones go first when there are too
 * many.
 */
@ApplicationScoped
public class ShopSessions {

    public static final String COOKIE = "shop-session";
    static final Duration IDLE = Duration.ofHours(2);
    static final int MAX = 10_000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, ShopSession> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    @Inject
    public ShopSessions() {
        this(Clock.systemUTC());
    }

    ShopSessions(Clock clock) {
        this.clock = clock;
    }

    /** The live session of this cookie value; {@code null} when there is none. */
    public ShopSession find(String id) {
        if (id == null) {
            return null;
        }
        ShopSession session = sessions.get(id);
        Instant now = clock.instant();
        if (session == null || session.lastUsed().plus(IDLE).isBefore(now)) {
            return null;
        }
        session.touch(now);
        return session;
    }

    /** A new session, with its own CSRF token and an empty cart. */
    public ShopSession create() {
        Instant now = clock.instant();
        if (sessions.size() >= MAX) {
            sessions.values().removeIf(session -> session.lastUsed().plus(IDLE).isBefore(now));
            while (sessions.size() >= MAX) {
                sessions.values()
                        .stream()
                        .min(Comparator.comparing(ShopSession::lastUsed))
                        .ifPresent(oldest -> sessions.remove(oldest.id()));
            }
        }
        ShopSession session = new ShopSession(token(), token(), token(), now);
        sessions.put(session.id(), session);
        return session;
    }

    /** 32 random bytes, URL-safe. */
    String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
