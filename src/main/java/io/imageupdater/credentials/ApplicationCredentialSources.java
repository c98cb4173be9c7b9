package io.imageupdater.credentials;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which kinds of credential source a reference written by a tenant may use: one from an Application annotation or
 * an ImageUpdater's per-image settings. {@code env:} and {@code ext:} reach the updater's own environment and files,
 * so by default only {@code pullsecret:} and {@code secret:} (in the Application's own namespace) are allowed.
 * References in {@code registries.conf} are the operator's and may use every source.
 *
 * @param allowed the sources such references may use
 */
public record ApplicationCredentialSources(Set<CredentialRef.Source> allowed) {
    /** The setting's name, for messages. */
    public static final String SETTING = "application-credential-sources";
    /** The setting's default. */
    public static final String DEFAULT = "pullsecret,secret";

    public ApplicationCredentialSources {
        allowed = allowed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowed));
    }

    /** The default: {@code pullsecret,secret}. */
    public static ApplicationCredentialSources defaults() {
        return parse(DEFAULT);
    }

    /**
     * Parses the setting: a comma-separated list of {@code pullsecret}, {@code secret}, {@code env}, {@code ext},
     * {@code aws}, {@code gcp}, {@code azure} and {@code auto} (a trailing {@code :} is allowed, as are
     * {@code aws:ecr}, {@code gcp:artifact-registry} and {@code azure:acr}); {@code none} allows none.
     *
     * @throws CredentialsException naming the setting and the unknown entry
     */
    public static ApplicationCredentialSources parse(String text) {
        Set<CredentialRef.Source> sources = EnumSet.noneOf(CredentialRef.Source.class);
        if (text != null) {
            for (String entry : text.split(",")) {
                String name = entry.strip().toLowerCase(Locale.ROOT);
                if (name.isEmpty() || name.equals("none")) {
                    continue;
                }
                String bare = settingName(name);
                sources.add(Arrays.stream(CredentialRef.Source.values())
                        .filter(source -> source.settingName().equals(bare))
                        .findFirst()
                        .orElseThrow(() -> new CredentialsException(SETTING + ": \"" + entry.strip()
                                + "\" is not a credential source; allowed: pullsecret, secret, env, ext, aws, gcp,"
                                + " azure, auto")));
            }
        }
        return new ApplicationCredentialSources(sources);
    }

    /** {@code aws}, {@code aws:} and {@code aws:ecr} all name the AWS source (likewise for the other clouds). */
    private static String settingName(String name) {
        String bare = name.endsWith(":") ? name.substring(0, name.length() - 1) : name;
        return switch (bare) {
            case "aws:ecr" -> "aws";
            case "gcp:artifact-registry" -> "gcp";
            case "azure:acr" -> "azure";
            default -> bare;
        };
    }

    /**
     * Returns the reference when a tenant may use its source.
     *
     * @param image the image the reference is for, named in the error
     * @throws RefusedCredentialSourceException naming the image and the refused source (never the reference's target)
     */
    public CredentialRef check(CredentialRef ref, String image) {
        if (!allowed.contains(ref.source())) {
            throw new RefusedCredentialSourceException(ref.source(), image, names());
        }
        return ref;
    }

    /** The allowed sources as the setting writes them ({@code pullsecret,secret}). */
    public String names() {
        List<String> names = Arrays.stream(CredentialRef.Source.values())
                .filter(allowed::contains)
                .map(CredentialRef.Source::settingName)
                .toList();
        return names.stream().collect(Collectors.joining(","));
    }
}
