package io.imageupdater.credentials.cloud;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.ComputeEngineCredentials;
import com.google.auth.oauth2.GoogleCredentials;
import io.imageupdater.credentials.Credentials;
import io.imageupdater.credentials.CredentialsException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * GCP through the Google auth library: Application Default Credentials, i.e. the file
 * {@code GOOGLE_APPLICATION_CREDENTIALS} names (a service-account key or a workload identity federation config), else
 * the metadata server (GKE workload identity) at {@code GCE_METADATA_HOST}. Registries take user
 * {@code oauth2accesstoken} and the access token.
 */
final class GcpCloud {

    static final String USERNAME = "oauth2accesstoken";
    static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform");

    private final CloudSettings settings;
    private volatile GoogleCredentials credentials;

    GcpCloud(CloudSettings settings) {
        this.settings = settings;
    }

    /** A new access token as registry credentials. */
    TokenSource accessToken(String what) {
        return () -> {
            AccessToken token = fetch(what);
            Instant expiry = token.getExpirationTime() == null
                    ? Instant.now().plusSeconds(3000)
                    : token.getExpirationTime().toInstant();
            return new CloudToken(new Credentials(USERNAME, token.getTokenValue()), expiry);
        };
    }

    private AccessToken fetch(String what) {
        try {
            AccessToken token = credentials().refreshAccessToken();
            if (token == null || token.getTokenValue() == null) {
                throw new CredentialsException(what + ": the token service returned no access token");
            }
            return token;
        } catch (IOException e) {
            throw new CredentialsException(what + ": cannot get an access token from "
                    + (settings.googleApplicationCredentials().isPresent()
                            ? "GOOGLE_APPLICATION_CREDENTIALS"
                            : "the metadata server " + settings.gceMetadataHost())
                    + " (" + e.getClass().getSimpleName() + status(e) + ")");
        }
    }

    private static String status(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(
                        "(?:status|code)[^0-9]{0,12}([1-5][0-9][0-9])")
                .matcher(message);
        return matcher.find() ? ", HTTP " + matcher.group(1) : "";
    }

    private GoogleCredentials credentials() throws IOException {
        GoogleCredentials current = credentials;
        if (current == null) {
            synchronized (this) {
                if (credentials == null) {
                    credentials = create();
                }
                current = credentials;
            }
        }
        return current;
    }

    private GoogleCredentials create() throws IOException {
        Optional<Path> file = settings.googleApplicationCredentials();
        if (file.isPresent()) {
            try (InputStream in = Files.newInputStream(file.get())) {
                return GoogleCredentials.fromStream(in).createScoped(SCOPES);
            }
        }
        String host = settings.gceMetadataHost();
        NetHttpTransport transport = new NetHttpTransport.Builder()
                .setConnectionFactory(url -> open(url, host))
                .build();
        return ComputeEngineCredentials.newBuilder()
                .setHttpTransportFactory(() -> transport)
                .setScopes(SCOPES)
                .build();
    }

    /** The library asks the standard metadata host; the configured host ({@code GCE_METADATA_HOST}) answers. */
    private static HttpURLConnection open(URL url, String host) throws IOException {
        URI target = URI.create("http://" + host + url.getFile());
        return (HttpURLConnection) target.toURL().openConnection();
    }
}
