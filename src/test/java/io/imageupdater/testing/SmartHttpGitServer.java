package io.imageupdater.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * Git's smart HTTP protocol (v0) for one bare repository, served on loopback by the JDK's HTTP server with JGit's
 * own {@link UploadPack} and {@link ReceivePack}, behind HTTP basic authentication.
 */
public final class SmartHttpGitServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger unauthorized = new AtomicInteger();
    private final AtomicReference<Runnable> beforeNextPush = new AtomicReference<>();

    private String path = "/repo.git";

    private SmartHttpGitServer(HttpServer server) {
        this.server = server;
    }

    public static SmartHttpGitServer start(Repository repository, String username, String password) {
        return start(repository, username, password, "/repo.git");
    }

    /** As above, the repository served at {@code path} ({@code /acme/shop.git}), as a forge would name it. */
    public static SmartHttpGitServer start(Repository repository, String username, String password, String path) {
        String expected = "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return start(repository, (url, authorization) -> expected.equals(authorization), path);
    }

    /**
     * A server that accepts a request when {@code accepts} says yes to its own URL ({@link #url()}) and the request's
     * {@code Authorization} header (or {@code null}).
     */
    public static SmartHttpGitServer start(
            Repository repository, java.util.function.BiPredicate<String, String> accepts) {
        return start(repository, accepts, "/repo.git");
    }

    private static SmartHttpGitServer start(
            Repository repository, java.util.function.BiPredicate<String, String> accepts, String path) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SmartHttpGitServer git = new SmartHttpGitServer(server);
            git.path = path;
            server.createContext(path + "/", exchange -> {
                try (exchange) {
                    if (!accepts.test(git.url(), exchange.getRequestHeaders().getFirst("Authorization"))) {
                        git.unauthorized.incrementAndGet();
                        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                        exchange.sendResponseHeaders(401, -1);
                        return;
                    }
                    if (exchange.getRequestURI().toString().endsWith("service=git-receive-pack")) {
                        Runnable hook = git.beforeNextPush.getAndSet(null);
                        if (hook != null) {
                            hook.run();
                        }
                    }
                    serve(exchange, repository);
                }
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return git;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Runs {@code action} when the next push starts, before the server advertises its branches to it. */
    public void beforeNextPush(Runnable action) {
        beforeNextPush.set(action);
    }

    /** How many requests were turned away for missing or wrong credentials. */
    public int unauthorizedRequests() {
        return unauthorized.get();
    }

    private static void serve(HttpExchange exchange, Repository repository) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        if (path.endsWith("/info/refs") && query != null && query.startsWith("service=")) {
            String service = query.substring("service=".length());
            exchange.getResponseHeaders().add("Content-Type", "application/x-" + service + "-advertisement");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                PacketLineOut packets = new PacketLineOut(out);
                packets.writeString("# service=" + service + "\n");
                packets.end();
                RefAdvertiser advertiser = new RefAdvertiser.PacketLineOutRefAdvertiser(packets);
                if (service.equals("git-upload-pack")) {
                    UploadPack upload = new UploadPack(repository);
                    upload.setBiDirectionalPipe(false);
                    upload.sendAdvertisedRefs(advertiser);
                } else {
                    ReceivePack receive = new ReceivePack(repository);
                    receive.setBiDirectionalPipe(false);
                    receive.sendAdvertisedRefs(advertiser);
                }
            }
            return;
        }
        InputStream in = exchange.getRequestBody();
        if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        if (path.endsWith("/git-upload-pack")) {
            exchange.getResponseHeaders().add("Content-Type", "application/x-git-upload-pack-result");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                UploadPack upload = new UploadPack(repository);
                upload.setBiDirectionalPipe(false);
                upload.upload(in, out, null);
            }
        } else if (path.endsWith("/git-receive-pack")) {
            exchange.getResponseHeaders().add("Content-Type", "application/x-git-receive-pack-result");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                ReceivePack receive = new ReceivePack(repository);
                receive.setBiDirectionalPipe(false);
                receive.receive(in, out, null);
            }
        } else {
            exchange.sendResponseHeaders(404, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
