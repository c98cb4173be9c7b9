package io.imageupdater.credentials.cloud;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * The pod's identities in the three clouds, built on first use, and the process-wide cache of the tokens they
 * obtain. Nothing here depends on a namespace: these are the updater's own identities.
 */
@ApplicationScoped
public class CloudIdentities implements AutoCloseable {

    private final CloudSettings settings;
    private final Clock clock;
    private final TokenCache tokens;
    private final SdkWireLogs wireLogs = new SdkWireLogs();
    private volatile AwsCloud aws;
    private volatile GcpCloud gcp;
    private volatile AzureCloud azure;

    @Inject
    public CloudIdentities(Clock clock) {
        this(CloudSettings.fromEnvironment(), clock);
    }

    public CloudIdentities(CloudSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.tokens = new TokenCache(clock);
    }

    TokenCache tokens() {
        return tokens;
    }

    Clock clock() {
        return clock;
    }

    synchronized AwsCloud aws() {
        if (aws == null) {
            aws = new AwsCloud(settings);
        }
        return aws;
    }

    synchronized GcpCloud gcp() {
        if (gcp == null) {
            gcp = new GcpCloud(settings);
        }
        return gcp;
    }

    synchronized AzureCloud azure() {
        if (azure == null) {
            azure = new AzureCloud(settings);
        }
        return azure;
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        tokens.close();
        if (aws != null) {
            aws.close();
        }
    }
}
