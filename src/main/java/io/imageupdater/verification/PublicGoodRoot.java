package io.imageupdater.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The trusted root of the public-good Sigstore instance, read from its TUF repository when the cluster can reach it:
 * {@code timestamp.json} → versioned {@code snapshot.json} → versioned {@code targets.json} → the content-addressed
 * {@code trusted_root.json}, whose SHA-256 must be the one targets names. The TUF metadata signatures are not checked
 * (trust rests on TLS to the repository); configure {@code trustedRoot} to verify fully offline.
 */
@ApplicationScoped
public class PublicGoodRoot {

    private final URI repository;
    private final Duration refresh;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private final ObjectMapper json = new ObjectMapper();
    private TrustedRoot root;
    private Instant readAt;

    @Inject
    public PublicGoodRoot(VerificationConfig config, Clock clock) {
        this.repository = config.publicGoodTufUrl();
        this.refresh = config.publicGoodRefresh();
        this.clock = clock;
    }

    /** @throws VerificationException when the repository cannot be reached or read */
    public synchronized TrustedRoot root() {
        Instant now = clock.instant();
        if (root != null && readAt.plus(refresh).isAfter(now)) {
            return root;
        }
        try {
            JsonNode timestamp = get("timestamp.json");
            long snapshotVersion = timestamp
                    .path("signed")
                    .path("meta")
                    .path("snapshot.json")
                    .path("version")
                    .asLong();
            JsonNode snapshot = get(snapshotVersion + ".snapshot.json");
            long targetsVersion = snapshot.path("signed")
                    .path("meta")
                    .path("targets.json")
                    .path("version")
                    .asLong();
            JsonNode targets = get(targetsVersion + ".targets.json");
            String sha256 = targets.path("signed")
                    .path("targets")
                    .path("trusted_root.json")
                    .path("hashes")
                    .path("sha256")
                    .asText("");
            if (sha256.isEmpty()) {
                throw new VerificationException("the public-good TUF repository names no trusted_root.json");
            }
            byte[] body = bytes("targets/" + sha256 + ".trusted_root.json");
            if (!HexFormat.of().formatHex(TransparencyLog.sha256(body)).equals(sha256)) {
                throw new VerificationException("the public-good trusted_root.json does not match its hash");
            }
            root = TrustedRoot.parse(new String(body, StandardCharsets.UTF_8), "the public-good trusted root");
            readAt = now;
            return root;
        } catch (IOException e) {
            throw new VerificationException(
                    "the public-good Sigstore trusted root cannot be read from " + repository + ": " + e.getMessage()
                            + "; configure trustedRoot",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerificationException("interrupted while reading the public-good trusted root", e);
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return json.readTree(bytes(path));
    }

    private byte[] bytes(String path) throws IOException, InterruptedException {
        String base = repository.toString().endsWith("/") ? repository.toString() : repository + "/";
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(path + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }
}
