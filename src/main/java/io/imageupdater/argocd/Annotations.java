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

    // Safety settings (per image, or application-wide), see SafetySettings.
    public static final String UPDATE_WINDOWS_SUFFIX = "update-windows";
    public static final String REQUIRE_APPROVAL_SUFFIX = "require-approval";
    public static final String ROLLBACK_ON_DEGRADED_SUFFIX = "rollback-on-degraded";
    public static final String ALLOW_DOWNGRADE_SUFFIX = "allow-downgrade";

    // Safety state kept on the Application: set by people (approve, resume, blocked-versions) or by the updater.
    /** {@code <alias>=<tag>[,…]}: approves exactly these pending updates; entries are removed once written. */
    public static final String APPROVE = PREFIX + "approve";
    /** {@code <alias>[,…]}: lifts the pin a manual rollback set on these images; removed once read. */
    public static final String RESUME = PREFIX + "resume";
    /** {@code <alias>=<tag>[@digest][,…]}: versions rolled back, never chosen again (annotation-managed Applications). */
    public static final String BLOCKED_VERSIONS = PREFIX + "blocked-versions";
    /** The updater's own record per image (what it last wrote, rollback watch, pin, pending update), as JSON. */
    public static final String SAFETY_STATE = PREFIX + "safety-state";

    // Suffixes that exist only per image.
    public static final String HELM_IMAGE_NAME_SUFFIX = "helm.image-name";
    public static final String HELM_IMAGE_TAG_SUFFIX = "helm.image-tag";
    public static final String HELM_IMAGE_SPEC_SUFFIX = "helm.image-spec";
    public static final String KUSTOMIZE_IMAGE_NAME_SUFFIX = "kustomize.image-name";
    public static final String SOURCE_NAME_SUFFIX = "source-name";
    public static final String PLUGIN_IMAGE_NAME_SUFFIX = "plugin.image-name";
    public static final String PLUGIN_IMAGE_TAG_SUFFIX = "plugin.image-tag";
    public static final String PLUGIN_IMAGE_SPEC_SUFFIX = "plugin.image-spec";

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
    public static final String GIT_PULL_REQUEST = PREFIX + "git-pull-request";
    public static final String GIT_PULL_REQUEST_LABELS = PREFIX + "git-pull-request-labels";

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
