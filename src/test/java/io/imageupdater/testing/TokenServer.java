package io.imageupdater.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A registry token service on loopback for a real {@code docker-registry} with {@code auth: token}: signs RS256 JWTs
 * with a key and self-signed certificate made by {@code keytool} at start, and publishes that certificate as the
 * registry's {@code rootcertbundle}. Optionally requires Basic credentials; records every scope asked for.
 */
public final class TokenServer implements AutoCloseable {

    public static final String SERVICE = "test-registry";
    public static final String ISSUER = "test-token-issuer";

    private final HttpServer server;
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final Path rootCertBundle;
    private final List<String> scopes = Collections.synchronizedList(new ArrayList<>());
    private final List<String> issued = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final String host;
    private volatile String requiredBasic;
    private volatile long expiresIn = 300;

    private TokenServer(Path dir, String host) throws IOException, GeneralSecurityException, InterruptedException {
        this.host = host;
        Path store = dir.resolve("token.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-alias",
                        "token",
                        "-dname",
                        "CN=token-signer",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        "changeit",
                        "-keypass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(store.toFile())) {
            keyStore.load(in, "changeit".toCharArray());
        }
        key = (PrivateKey) keyStore.getKey("token", "changeit".toCharArray());
        certificate = (X509Certificate) keyStore.getCertificate("token");
        rootCertBundle = dir.resolve("root.pem");
        Files.writeString(
                rootCertBundle,
                "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(certificate.getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 0);
        server.createContext("/token", this::token);
        server.start();
    }

    /** Starts a token service whose files (key store, certificate) live in {@code dir}. */
    public static TokenServer start(Path dir) {
        return start(dir, "127.0.0.1");
    }

    /** As {@link #start(Path)}, listening on another loopback address ({@code 127.0.0.2}, say). */
    public static TokenServer start(Path dir, String host) {
        try {
            return new TokenServer(dir, host);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | InterruptedException e) {
            throw new IllegalStateException("cannot start the token server", e);
        }
    }

    /** The {@code token:} settings for the registry's configuration, indented for {@link TestRegistry}. */
    public String registryAuthYaml() {
        return "    realm: " + realm() + "\n    service: " + SERVICE + "\n    issuer: " + ISSUER
                + "\n    rootcertbundle: " + rootCertBundle + "\n";
    }

    public URI realm() {
        return URI.create("http://" + host + ":" + server.getAddress().getPort() + "/token");
    }

    /** Requires {@code Authorization: Basic …} with these credentials for every token. */
    public TokenServer requireBasic(String username, String password) {
        requiredBasic = "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public TokenServer expiresIn(long seconds) {
        expiresIn = seconds;
        return this;
    }

    /** A header with push and pull rights on a repository, for seeding the registry. */
    public String pushAuthorization(String repository) {
        return "Bearer " + jwt(repository, List.of("push", "pull"));
    }

    /** The scopes asked for by token requests so far, in order. */
    public List<String> scopes() {
        return List.copyOf(scopes);
    }

    /** The {@code Authorization} header of every token request so far ({@code none} when absent), in order. */
    public List<String> authorizations() {
        synchronized (authorizations) {
            return List.copyOf(authorizations);
        }
    }

    /** Every token handed out so far (to scan logs for them). */
    public List<String> issuedTokens() {
        return List.copyOf(issued);
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String scope = query.getOrDefault("scope", "");
            scopes.add(scope);
            String presented = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(presented == null ? "none" : presented);
            String basic = requiredBasic;
            if (basic != null && !basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String[] parts = scope.split(":");
            String token = parts.length == 3 && parts[0].equals("repository")
                    ? jwt(parts[1], List.of(parts[2].split(",")))
                    : jwt("", List.of());
            issued.add(token);
            byte[] body =
                    ("{\"token\":\"" + token + "\",\"expires_in\":" + expiresIn + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private String jwt(String repository, List<String> actions) {
        try {
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5c\":[\""
                    + Base64.getEncoder().encodeToString(certificate.getEncoded()) + "\"]}";
            long now = Instant.now().getEpochSecond();
            String access = repository.isEmpty()
                    ? "[]"
                    : "[{\"type\":\"repository\",\"name\":\"" + repository + "\",\"actions\":["
                            + String.join(
                                    ",",
                                    actions.stream().map(a -> "\"" + a + "\"").toList()) + "]}]";
            String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"tester\",\"aud\":\"" + SERVICE + "\",\"exp\":"
                    + (now + 3600) + ",\"nbf\":" + (now - 60) + ",\"iat\":" + now + ",\"jti\":\"" + UUID.randomUUID()
                    + "\",\"access\":" + access + "}";
            String signingInput = url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + url.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
