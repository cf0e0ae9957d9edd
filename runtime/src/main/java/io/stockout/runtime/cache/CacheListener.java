package io.stockout.runtime.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.stockout.StockoutRuntimeConfig;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * Listens on PostgreSQL's channel {@value #CHANNEL}, where every committed change of cached data is announced with its
 * catalog's id (by the triggers of the schema), and drops what the instance keeps of that catalog.
 * <p>
 * One connection of its own listens, opened again whenever it is lost. A session counts as listening only once a probe
 * notification sent through the datasource's pool came back on it: this proves that changes written through the pool
 * reach the listener (a pooler in transaction mode, or a listening connection to another server, would keep them
 * apart). Until then, and from the moment the connection is lost, the caches serve nothing and every request reads the
 * database.
 */
@ApplicationScoped
public class CacheListener {

    /** The channel that announces changes. */
    public static final String CHANNEL = "stockout_cache";
    /** The payload that announces that anything may have changed. */
    static final String EVERYTHING = "*";
    /** Probes carry a character that a catalog id never has. */
    private static final String PROBE = "probe:";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);

    private static final Logger LOG = Logger.getLogger(CacheListener.class);

    private final Coherence coherence;
    private final Vertx vertx;
    private final Pool pool;
    private final StockoutRuntimeConfig config;
    private final Config settings;
    private PgSubscriber subscriber;
    private volatile String awaitedProbe;
    private volatile boolean stopped;
    private volatile boolean warned;
    private volatile boolean probeWarned;

    public CacheListener(Coherence coherence, Vertx vertx, Pool pool, StockoutRuntimeConfig config, Config settings) {
        this.coherence = coherence;
        this.vertx = vertx;
        this.pool = pool;
        this.config = config;
        this.settings = settings;
    }

    void start(@Observes StartupEvent start) {
        if (!config.active() || !config.cache().active()) {
            LOG.info("Stockout keeps no catalog settings or webhook secrets in memory (quarkus.stockout.cache.active)");
            return;
        }
        Optional<PgConnectOptions> options = options();
        if (options.isEmpty()) {
            LOG.warn("Stockout cannot listen for changes without quarkus.datasource.reactive.url or "
                    + "quarkus.stockout.cache.listen-url: catalog settings and webhook secrets are read at every request");
            return;
        }
        subscriber = PgSubscriber.subscriber(vertx, options.get()).reconnectPolicy(this::lost);
        subscriber.channel(CHANNEL).subscribeHandler(subscribed -> probe()).handler(this::announced);
        connect(0);
    }

    void stop(@Observes ShutdownEvent stop) {
        stopped = true;
        coherence.listeningStopped();
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /** The backend process id of the listening connection, or empty while there is none. */
    public Optional<Integer> backend() {
        PgSubscriber current = subscriber;
        var connection = current == null ? null : current.actualConnection();
        return connection == null ? Optional.empty() : Optional.of(connection.processId());
    }

    private void connect(int attempt) {
        subscriber.connect().onFailure(failure -> {
            // a first connection that fails is not retried by the subscriber itself
            lost(attempt);
            if (!warned) {
                warned = true;
                LOG.warnf("Stockout cannot listen for changes yet, caches are bypassed meanwhile: %s", failure.getMessage());
            }
            subscriber.close().onComplete(closed -> {
                if (!stopped) {
                    vertx.setTimer(Math.max(1, delay(attempt + 1)), timer -> connect(attempt + 1));
                }
            });
        });
    }

    /** The subscriber's reconnection policy: called when the connection is lost and after each failed attempt. */
    private long lost(int attempt) {
        boolean wasListening = coherence.listening();
        coherence.listeningStopped();
        awaitedProbe = null;
        if (wasListening) {
            LOG.warn("Stockout's listening connection was lost: caches are bypassed until it is back");
        }
        return stopped ? -1 : delay(attempt);
    }

    private long delay(int attempt) {
        if (attempt == 0) {
            return 0;
        }
        long max = config.cache().maxReconnectDelay().toMillis();
        return Math.min(max, FIRST_RETRY.toMillis() << Math.min(attempt - 1, 20));
    }

    /** LISTEN is in place: sends a probe through the pool, and listens in earnest once it is back. */
    private void probe() {
        String probe = PROBE + UUID.randomUUID();
        awaitedProbe = probe;
        pool.preparedQuery("SELECT pg_notify($1, $2)")
                .execute(Tuple.of(CHANNEL, probe))
                .subscribe()
                .with(sent -> {
                }, failure -> {
                    LOG.warnf("Stockout could not send its listening probe: %s", failure.getMessage());
                    restart(probe);
                });
        vertx.setTimer(PROBE_TIMEOUT.toMillis(), timer -> {
            if (probe.equals(awaitedProbe)) {
                if (!probeWarned) {
                    probeWarned = true;
                    LOG.warnf("Stockout's listening probe did not come back within %s: changes written through the datasource "
                            + "do not reach the listening connection (a pooler in transaction mode? see "
                            + "quarkus.stockout.cache.listen-url); caches stay bypassed", PROBE_TIMEOUT);
                }
                restart(probe);
            }
        });
    }

    /** Closes the listening connection (the subscriber opens another) unless a newer probe took over. */
    private void restart(String probe) {
        if (!probe.equals(awaitedProbe) || stopped) {
            return;
        }
        var connection = subscriber.actualConnection();
        if (connection != null) {
            connection.close();
        }
    }

    private void announced(String payload) {
        if (payload.startsWith(PROBE)) {
            // other instances' probes come here too
            if (payload.equals(awaitedProbe)) {
                awaitedProbe = null;
                coherence.listeningStarted();
                warned = false;
                probeWarned = false;
                LOG.infof("Stockout listens for changes of cached data on channel %s (backend %s)", CHANNEL,
                        backend().map(String::valueOf).orElse("?"));
            }
            return;
        }
        int colon = payload.indexOf(':');
        if (EVERYTHING.equals(payload)) {
            coherence.changedAll();
        } else if (colon > 0) {
            // a catalog id has no colon: "topic:catalog" concerns only the caches of that topic
            LOG.debugf("Catalog %s changed (%s)", payload.substring(colon + 1), payload.substring(0, colon));
            coherence.changed(payload.substring(0, colon), payload.substring(colon + 1));
        } else {
            LOG.debugf("Catalog %s changed", payload);
            coherence.changed(payload);
        }
    }

    private Optional<PgConnectOptions> options() {
        Optional<String> own = config.cache().listenUrl();
        Optional<String> configured = own.or(() -> settings
                .getOptionalValues("quarkus.datasource.reactive.url", String.class)
                .map(urls -> urls.get(0)));
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        String url = configured.get().trim();
        if (url.startsWith("vertx-reactive:")) {
            url = url.substring("vertx-reactive:".length());
        }
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        if (own.isEmpty() || options.getUser() == null || options.getUser().isEmpty()) {
            settings.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
            settings.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        }
        settings.getOptionalValue("quarkus.datasource.reactive.postgresql.ssl-mode", String.class)
                .map(SslMode::of)
                .ifPresent(options::setSslMode);
        settings.getOptionalValue("quarkus.datasource.reactive.trust-all", Boolean.class).ifPresent(options::setTrustAll);
        // seen in pg_stat_activity: which instance's listener a connection is
        options.addProperty("application_name", "stockout-listener-" + ProcessHandle.current().pid());
        options.setTcpKeepAlive(true);
        return Optional.of(options);
    }
}
