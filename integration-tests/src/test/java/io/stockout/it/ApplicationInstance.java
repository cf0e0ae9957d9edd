package io.stockout.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged application, started as a separate process on loopback against a given database: what a merchant runs
 * behind a load balancer, several times over.
 */
final class ApplicationInstance implements AutoCloseable {

    private final String name;
    private final Process process;
    final URI base;

    private ApplicationInstance(String name, Process process, URI base) {
        this.name = name;
        this.process = process;
        this.base = base;
    }

    /**
     * Starts the packaged application (the path is given by the build in {@code stockout.application}) and waits until
     * it is ready.
     */
    static ApplicationInstance start(String name, int databasePort, Path logs) {
        return start(name, databasePort, logs, List.of());
    }

    /** Starts the packaged application with further system properties ({@code -Dkey=value}). */
    static ApplicationInstance start(String name, int databasePort, Path logs, List<String> properties) {
        int port = freePort();
        String database = "127.0.0.1:" + databasePort + "/postgres";
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.reactive.url=postgresql://" + database,
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://" + database,
                "-Dquarkus.datasource.username=postgres",
                "-Dquarkus.datasource.password=postgres",
                "-Dquarkus.datasource.reactive.max-size=10"));
        command.addAll(properties);
        command.addAll(List.of("-jar", System.getProperty("stockout.application")));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logs.resolve("instance-" + name + ".log").toFile())
                    .start();
            ApplicationInstance instance = new ApplicationInstance(name, process, URI.create("http://127.0.0.1:" + port));
            instance.awaitReady(Duration.ofSeconds(120));
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException("Instance " + name + " did not start", e);
        }
    }

    private void awaitReady(Duration patience) {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Instance " + name + " stopped while starting; see its log");
            }
            try {
                HttpResponse<Void> ready = client.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(250));
        }
        close();
        throw new IllegalStateException("Instance " + name + " was not ready within " + patience);
    }

    /** The process id of the instance, which names its listening connection in {@code pg_stat_activity}. */
    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
