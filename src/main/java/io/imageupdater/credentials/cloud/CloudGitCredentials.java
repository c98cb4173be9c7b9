package io.imageupdater.credentials.cloud;

import com.azure.core.credential.AccessToken;
import io.imageupdater.credentials.Credentials;
import io.imageupdater.credentials.CredentialsException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Git credentials from the pod's cloud identity, for {@code git:aws} (AWS CodeCommit, SigV4 Git credentials),
 * {@code git:azure} (Azure DevOps, an Entra ID token as password) and {@code git:gcp} (Secure Source Manager, an
 * access token as password).
 */
@ApplicationScoped
public class CloudGitCredentials {

    /** Azure DevOps' resource id: Entra ID tokens for it are accepted as Git passwords. */
    static final String AZURE_DEVOPS_SCOPE = "499b84ac-1321-427f-aa17-267ca6975798/.default";

    private static final Pattern CODECOMMIT =
            Pattern.compile("git-codecommit(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");

    private final CloudIdentities clouds;

    public CloudGitCredentials(CloudIdentities clouds) {
        this.clouds = clouds;
    }

    /** Whether {@code reference} (what follows {@code git:}) names a cloud: {@code aws}, {@code azure}, {@code gcp}. */
    public static boolean names(String reference) {
        return reference != null
                && switch (reference.strip().toLowerCase(Locale.ROOT)) {
                    case "aws", "azure", "gcp" -> true;
                    default -> false;
                };
    }

    /**
     * Credentials for {@code repoUrl} (HTTPS) from the cloud {@code reference} names.
     *
     * @throws CredentialsException naming the cloud and the repository (never a token)
     */
    public Credentials forRepository(String reference, String repoUrl) {
        String cloud = reference.strip().toLowerCase(Locale.ROOT);
        URI uri = URI.create(repoUrl.strip());
        if (uri.getHost() == null
                || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
            throw new CredentialsException("git:" + cloud + " needs an HTTPS repository URL, not " + redacted(uri));
        }
        return switch (cloud) {
            case "aws" -> codeCommit(uri);
            case "azure" -> azureDevOps(uri);
            case "gcp" -> secureSourceManager(uri);
            default -> throw new CredentialsException("git:" + cloud + " is not git:aws, git:azure or git:gcp");
        };
    }

    private Credentials codeCommit(URI uri) {
        String what = "AWS CodeCommit credentials (git:aws) for " + redacted(uri);
        Matcher host = CODECOMMIT.matcher(uri.getHost().toLowerCase(Locale.ROOT));
        String region = host.matches()
                ? host.group(1)
                : clouds.aws()
                        .defaultRegion()
                        .orElseThrow(() -> new CredentialsException(
                                what + ": the host names no region and AWS_REGION" + " is not set"));
        AwsCredentials aws = clouds.tokens().call(() -> clouds.aws().credentials(region, what));
        String session = aws instanceof AwsSessionCredentials temporary ? temporary.sessionToken() : null;
        String hostHeader = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        Instant now = clouds.clock().instant();
        return CodeCommitSigner.sign(
                aws.accessKeyId(), aws.secretAccessKey(), session, region, hostHeader, uri.getRawPath(), now);
    }

    private Credentials azureDevOps(URI uri) {
        String what = "Azure DevOps credentials (git:azure) for " + redacted(uri);
        return clouds.tokens()
                .get("git|azure", what, () -> {
                    AccessToken token = clouds.azure().entraToken(AZURE_DEVOPS_SCOPE, what);
                    return new CloudToken(
                            new Credentials("image-updater", token.getToken()),
                            token.getExpiresAt().toInstant());
                })
                .credentials();
    }

    private Credentials secureSourceManager(URI uri) {
        String what = "GCP Secure Source Manager credentials (git:gcp) for " + redacted(uri);
        return clouds.tokens().get("gcp", what, clouds.gcp().accessToken(what)).credentials();
    }

    private static String redacted(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + uri.getRawPath();
    }
}
