package io.imageupdater.credentials.cloud;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry host recognised as a cloud's: ECR ({@code <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]}, the
 * dual-stack {@code dkr-ecr} and the isolated partitions), Artifact Registry and Container Registry
 * ({@code <region>-docker.pkg.dev}, {@code gcr.io}, {@code <region>.gcr.io}) and ACR ({@code <name>.azurecr.io} and
 * the sovereign clouds' domains).
 *
 * @param cloud   whose registry it is
 * @param host    the host, lower case, without port
 * @param account the AWS account id (ECR only), else {@code null}
 * @param region  the AWS region (ECR only), else {@code null}
 * @param fips    whether it is an ECR FIPS endpoint
 */
public record CloudRegistry(Cloud cloud, String host, String account, String region, boolean fips) {

    private static final Pattern ECR = Pattern.compile(
            "([0-9]{12})\\.dkr[.-]ecr(-fips)?\\.([a-z0-9][a-z0-9-]*)\\."
                    + "(amazonaws\\.com(\\.cn)?|on\\.aws|sc2s\\.sgov\\.gov|c2s\\.ic\\.gov|cloud\\.adc-e\\.uk|csp\\.hci\\.ic\\.gov)");
    private static final Pattern GCP = Pattern.compile("([a-z0-9-]+-docker\\.pkg\\.dev|([a-z]+\\.)?gcr\\.io)");
    private static final Pattern ACR = Pattern.compile("[a-z0-9-]+\\.azurecr\\.(io|cn|us|de)");

    /** The cloud registry a host (or {@code https://host}, {@code host/path}, {@code host:port}) names, if any. */
    public static Optional<CloudRegistry> of(String name) {
        String host = host(name);
        Matcher ecr = ECR.matcher(host);
        if (ecr.matches()) {
            return Optional.of(new CloudRegistry(Cloud.AWS, host, ecr.group(1), ecr.group(3), ecr.group(2) != null));
        }
        if (GCP.matcher(host).matches()) {
            return Optional.of(new CloudRegistry(Cloud.GCP, host, null, null, false));
        }
        if (ACR.matcher(host).matches()) {
            return Optional.of(new CloudRegistry(Cloud.AZURE, host, null, null, false));
        }
        return Optional.empty();
    }

    /** The bare host of a registry name: scheme, path and port removed, lower case. */
    static String host(String name) {
        String text = name.strip().toLowerCase(Locale.ROOT);
        if (text.contains("://")) {
            URI uri = URI.create(text);
            return uri.getHost() == null ? text : uri.getHost();
        }
        int slash = text.indexOf('/');
        if (slash >= 0) {
            text = text.substring(0, slash);
        }
        int colon = text.lastIndexOf(':');
        return colon >= 0 ? text.substring(0, colon) : text;
    }
}
