package io.imageupdater.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.imageupdater.testing.MutableClock;
import io.imageupdater.testing.TestSigstore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The public-good trusted root, read from a TUF repository's consistent-snapshot layout (timestamp → snapshot →
 * targets → content-addressed target). The repository is a stand-in on loopback serving files as
 * tuf-repo-cdn.sigstore.dev lays them out; it is not Sigstore's.
 */
class PublicGoodRootTest {

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = files.get(exchange.getRequestURI().getPath().substring(1));
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void publish(String root, String advertisedHash) {
        byte[] body = root.getBytes(StandardCharsets.UTF_8);
        String hash = HexFormat.of().formatHex(TestSigstore.sha256(body));
        files.put("timestamp.json", json("{\"signed\":{\"meta\":{\"snapshot.json\":{\"version\":7}}}}"));
        files.put("7.snapshot.json", json("{\"signed\":{\"meta\":{\"targets.json\":{\"version\":12}}}}"));
        files.put(
                "12.targets.json",
                json("{\"signed\":{\"targets\":{\"trusted_root.json\":{\"length\":" + body.length
                        + ",\"hashes\":{\"sha256\":\"" + (advertisedHash == null ? hash : advertisedHash) + "\"}}}}}"));
        files.put("targets/" + hash + ".trusted_root.json", body);
        if (advertisedHash != null) {
            files.put("targets/" + advertisedHash + ".trusted_root.json", body);
        }
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private PublicGoodRoot root(MutableClock clock) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        return new PublicGoodRoot(
                new VerificationConfig() {
                    @Override
                    public URI publicGoodTufUrl() {
                        return url;
                    }

                    @Override
                    public Duration publicGoodRefresh() {
                        return Duration.ofHours(24);
                    }
                },
                clock);
    }

    @Test
    void theRootNamedByTheTargetsIsReadOnceAndKeptForTheRefreshPeriod() {
        TestSigstore sigstore = new TestSigstore();
        publish(sigstore.trustedRoot(), null);
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        PublicGoodRoot publicGood = root(clock);

        TrustedRoot root = publicGood.root();
        assertTrue(root.logs().containsKey(sigstore.logIdHex()));
        assertEquals(4, requests.get());
        publicGood.root();
        assertEquals(4, requests.get(), "kept");
        clock.advance(Duration.ofHours(25));
        publicGood.root();
        assertEquals(8, requests.get(), "read again after the refresh period");
    }

    @Test
    void aRootThatDoesNotMatchItsHashOrAnUnreachableRepositoryFailsClearly() {
        publish(new TestSigstore().trustedRoot(), "ab".repeat(32));
        VerificationException mismatch = assertThrows(
                VerificationException.class,
                () -> root(new MutableClock(Instant.now())).root());
        assertTrue(mismatch.getMessage().contains("does not match its hash"), mismatch.getMessage());

        files.clear();
        VerificationException missing = assertThrows(
                VerificationException.class,
                () -> root(new MutableClock(Instant.now())).root());
        assertTrue(missing.getMessage().contains("configure trustedRoot"), missing.getMessage());
    }
}
