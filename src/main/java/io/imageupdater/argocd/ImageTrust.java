package io.imageupdater.argocd;

import static io.imageupdater.argocd.Annotations.*;

import io.imageupdater.GoDuration;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The trust settings of an image from annotations: {@code <alias>.verify-key: secret:<name>#<key>},
 * {@code <alias>.verify-identity: <issuer>|<subject-regexp>} (with an optional
 * {@code <alias>.verify-trusted-root: configmap:<name>#<key>}) and {@code <alias>.min-age: <Go duration>}; each also
 * application-wide without the alias. The Secret and ConfigMap live in the Application's namespace. Pure.
 */
final class ImageTrust {

    private ImageTrust() {}

    /** The spec with its trust settings; empty when they are invalid ({@link #error} says why). */
    static Optional<ImageSpec> fromAnnotations(ImageSpec spec, Map<String, String> values, String appRef) {
        try {
            return Optional.of(parse(spec, values, appRef));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static ImageSpecError error(String text, ImageSpec spec, Map<String, String> values, String appRef) {
        String problem;
        try {
            parse(spec, values, appRef);
            problem = "invalid trust settings";
        } catch (RuntimeException e) {
            problem = e.getMessage();
        }
        return new ImageSpecError(
                text, "application " + appRef + ": image " + spec.alias() + " is skipped: " + problem);
    }

    private static ImageSpec parse(ImageSpec spec, Map<String, String> values, String appRef) {
        String namespace = appRef.contains("/") ? appRef.substring(0, appRef.indexOf('/')) : appRef;
        String[] key = value(values, spec.alias(), VERIFY_KEY_SUFFIX);
        String[] identity = value(values, spec.alias(), VERIFY_IDENTITY_SUFFIX);
        String[] root = value(values, spec.alias(), VERIFY_TRUSTED_ROOT_SUFFIX);
        VerificationSettings verification = null;
        if (key != null && identity != null) {
            throw new IllegalArgumentException(
                    key[0] + " and " + identity[0] + " are mutually exclusive: verify with a key or an identity");
        }
        if (root != null && identity == null) {
            throw new IllegalArgumentException(
                    root[0] + " applies only with " + forImage(spec.alias(), VERIFY_IDENTITY_SUFFIX));
        }
        try {
            if (key != null) {
                verification = VerificationSettings.ofKeyReference(namespace, key[1]);
            } else if (identity != null) {
                verification = VerificationSettings.ofIdentity(namespace, identity[1], root == null ? null : root[1]);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((key != null ? key[0] : identity[0]) + ": " + e.getMessage());
        }
        String[] age = value(values, spec.alias(), MIN_AGE_SUFFIX);
        Duration minAge = null;
        if (age != null) {
            try {
                minAge = GoDuration.parse(age[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(age[0] + " \"" + age[1] + "\" is not a duration such as 24h");
            }
            if (minAge.isNegative()) {
                throw new IllegalArgumentException(age[0] + " \"" + age[1] + "\" is negative");
            }
        }
        return verification == null && minAge == null ? spec : spec.withTrust(verification, minAge);
    }

    /** {@code [key, value]} of the per-image setting, else the application-wide one; {@code null} when neither. */
    private static String[] value(Map<String, String> values, String alias, String suffix) {
        for (String key : new String[] {forImage(alias, suffix), forApplication(suffix)}) {
            String value = values.get(key);
            if (value != null && !value.isBlank()) {
                return new String[] {key, value.strip()};
            }
        }
        return null;
    }
}
