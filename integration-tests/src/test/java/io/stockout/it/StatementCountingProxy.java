package io.stockout.it;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkus.test.common.DevServicesContext;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Counts the SQL statements the application sends over its reactive datasource, by sitting between the application and
 * the embedded PostgreSQL as a loopback TCP proxy that reads the PostgreSQL wire protocol.
 * <p>
 * Every statement a client runs reaches the server as one {@code Execute} message (extended protocol, used by prepared
 * queries) or one {@code Query} message (simple protocol); the proxy counts both. Counting on the wire sees every
 * statement whatever the code path (pool, connection, transaction, pipelining), and, unlike PostgreSQL's cumulative
 * statistics views, the count is exact the moment the HTTP answer arrives: the statements were forwarded before the
 * server could answer them. The JDBC datasource (used only by Flyway at start) is not proxied.
 * <p>
 * Tests receive the counter in their {@link AtomicLong} field.
 */
public class StatementCountingProxy implements QuarkusTestResourceLifecycleManager, DevServicesContext.ContextAware {

    private static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;
    private static final int BUFFER = 64 * 1024;

    private final AtomicLong statements = new AtomicLong();
    private URI database;
    private ServerSocket server;

    @Override
    public void setIntegrationTestContext(DevServicesContext context) {
        String url = context.devServicesProperties().get(REACTIVE_URL);
        if (url == null) {
            throw new IllegalStateException("The embedded PostgreSQL of the extension provided no " + REACTIVE_URL);
        }
        database = URI.create(url);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "statement-counting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
        String proxied = database.getScheme() + "://127.0.0.1:" + server.getLocalPort() + database.getPath();
        return Map.of(REACTIVE_URL, proxied);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(statements, new TestInjector.MatchesType(AtomicLong.class));
    }

    @Override
    public void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            // nothing left to release
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                // forward small messages at once, as the client and the server would send them to each other
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                upstream.connect(new InetSocketAddress("127.0.0.1", database.getPort()));
                start("to-postgres", () -> clientToServer(client, upstream));
                start("from-postgres", () -> copy(upstream, client));
            } catch (IOException e) {
                // the server socket was closed, or one connection failed: the application sees its own error
            }
        }
    }

    private static void start(String name, Runnable work) {
        Thread thread = new Thread(work, "statement-counting-proxy-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void clientToServer(Socket client, Socket upstream) {
        try (client; upstream) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream(), BUFFER));
            OutputStream out = new BufferedOutputStream(upstream.getOutputStream(), BUFFER);
            // start-up packets have no type byte; SSL and GSS encryption requests are followed by another one
            int code;
            do {
                int length = in.readInt();
                byte[] body = in.readNBytes(length - 4);
                code = ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff);
                writeInt(out, length);
                out.write(body);
                out.flush();
            } while (code == SSL_REQUEST || code == GSSENC_REQUEST);
            byte[] buffer = new byte[BUFFER];
            while (true) {
                int type = in.read();
                if (type < 0) {
                    return;
                }
                int length = in.readInt();
                if (type == 'E' || type == 'Q') {
                    statements.incrementAndGet();
                }
                out.write(type);
                writeInt(out, length);
                long left = length - 4;
                while (left > 0) {
                    int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (read < 0) {
                        return;
                    }
                    out.write(buffer, 0, read);
                    left -= read;
                }
                if (in.available() == 0) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            // a connection closed: the pool opens another one
        }
    }

    private static void copy(Socket from, Socket to) {
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
        } catch (IOException e) {
            // a connection closed
        }
    }

    private static void writeInt(OutputStream out, int value) throws IOException {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
