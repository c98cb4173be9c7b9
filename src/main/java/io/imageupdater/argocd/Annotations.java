package io.imageupdater.argocd;

/**
 * The annotation keys of Argo CD Image Updater 0.x. Per-image keys are built with {@link #forImage}; a
 * per-image value wins over the application-wide key of the same suffix.
 */
public final class Annotations {
    public static final String PREFIX = "argocd-image-updater.argoproj.io/";

    public static final String IMAGE_LIST = PREFIX + "image-list";

    // Suffixes that exist both per image (<alias>.<suffix>) and application-wide (<suffix>).
    public static final String UPDATE_STRATEGY_SUFFIX = "update-strategy";
    public static final String FORCE_UPDATE_SUFFIX = "force-update";
    public static final String ALLOW_TAGS_SUFFIX = "allow-tags";
    public static final String IGNORE_TAGS_SUFFIX = "ignore-tags";
    public static final String PULL_SECRET_SUFFIX = "pull-secret";
    public static final String PLATFORMS_SUFFIX = "platforms";
    public static final String VERIFY_KEY_SUFFIX = "verify-key";
    public static final String VERIFY_IDENTITY_SUFFIX = "verify-identity";
    public static final String VERIFY_TRUSTED_ROOT_SUFFIX = "verify-trusted-root";
    public static final String MIN_AGE_SUFFIX = "min-age";

    // Suffixes that exist only per image.
    public static final String HELM_IMAGE_NAME_SUFFIX = "helm.image-name";
    public static final String HELM_IMAGE_TAG_SUFFIX = "helm.image-tag";
    public static final String HELM_IMAGE_SPEC_SUFFIX = "helm.image-spec";
    public static final String KUSTOMIZE_IMAGE_NAME_SUFFIX = "kustomize.image-name";

    // Application-wide defaults.
    public static final String UPDATE_STRATEGY = PREFIX + UPDATE_STRATEGY_SUFFIX;
    public static final String FORCE_UPDATE = PREFIX + FORCE_UPDATE_SUFFIX;
    public static final String ALLOW_TAGS = PREFIX + ALLOW_TAGS_SUFFIX;
    public static final String IGNORE_TAGS = PREFIX + IGNORE_TAGS_SUFFIX;
    public static final String PULL_SECRET = PREFIX + PULL_SECRET_SUFFIX;
    public static final String PLATFORMS = PREFIX + PLATFORMS_SUFFIX;

    // Application-level write-back settings.
    public static final String WRITE_BACK_METHOD = PREFIX + "write-back-method";
    public static final String WRITE_BACK_TARGET = PREFIX + "write-back-target";
    public static final String GIT_BRANCH = PREFIX + "git-branch";
    public static final String GIT_REPOSITORY = PREFIX + "git-repository";

    private Annotations() {}

    /** The per-image key {@code argocd-image-updater.argoproj.io/<alias>.<suffix>}. */
    public static String forImage(String alias, String suffix) {
        return PREFIX + alias + "." + suffix;
    }

    /** The application-wide key {@code argocd-image-updater.argoproj.io/<suffix>}. */
    public static String forApplication(String suffix) {
        return PREFIX + suffix;
    }
}
