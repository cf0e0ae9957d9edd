package io.stockout.runtime.webhook;

import java.util.concurrent.atomic.AtomicInteger;

import io.smallrye.mutiny.Uni;

/**
 * Settles, once, whether a synchronous webhook is answered by its work or without it, so that what the sender is told
 * stays true. The deadline and the work race for it:
 * <ul>
 * <li>the deadline {@linkplain #pass() passes} it to answer without the work (a degraded answer, or a 503 refusal);
 * from then on the work's {@link #commit()} fails, and its transaction rolls back;</li>
 * <li>the work claims it through {@link #commit()} as the last step of its transaction (or before a single statement
 * that writes); from then on the deadline waits for the work's own answer.</li>
 * </ul>
 * A cutoff taken {@code within} another (a platform delivery that validates a cart) commits only when both let it.
 */
public final class Cutoff {

    /** For work that no deadline bounds: it always commits. */
    public static final Cutoff NONE = new Cutoff(null);

    private static final int OPEN = 0;
    private static final int COMMITTING = 1;
    private static final int PASSED = 2;

    private final AtomicInteger state = new AtomicInteger(OPEN);
    private final Cutoff within;

    Cutoff(Cutoff within) {
        this.within = within;
    }

    /**
     * Succeeds when the work may make its changes last; fails with {@link TooLate} when its answer was already given
     * without it. Run it as the last step inside the work's transaction, so that a failure rolls the work back.
     */
    public Uni<Void> commit() {
        return Uni.createFrom()
                .deferred(() -> claim() ? Uni.createFrom().voidItem() : Uni.createFrom().failure(new TooLate()));
    }

    private boolean claim() {
        boolean mine = state.compareAndSet(OPEN, COMMITTING) || state.get() == COMMITTING;
        return mine && (within == null || within.claim());
    }

    /** Whether the answer may be given without the work: true once, unless the work began to commit first. */
    boolean pass() {
        return state.compareAndSet(OPEN, PASSED);
    }

    /** The work reached its commit after its answer was given without it: it rolls back. */
    public static final class TooLate extends RuntimeException {

        TooLate() {
            super("the answer was given without this work; its changes are rolled back", null, false, false);
        }
    }
}
