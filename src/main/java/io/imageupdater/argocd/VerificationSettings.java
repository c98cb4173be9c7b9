package io.imageupdater.argocd;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An image's signature verification as configured (annotations or {@code imagesVerification}): a cosign public key
 * from a Secret, or a keyless identity (issuer and subject, exact or by regular expression) with an optional trusted
 * root from a ConfigMap. References only; the key and root are read when verifying. Validates in its constructor: an
 * invalid combination fails with a message naming what is wrong.
 *
 * @param namespace     where the Secret and ConfigMap live (the ImageUpdater's, or the Application's for annotations)
 * @param keySecret     the Secret holding the PEM public key, or {@code null} for keyless
 * @param keyName       the key in that Secret
 * @param issuer        keyless: the exact OIDC issuer
 * @param issuerRegExp  keyless: the issuer as a regular expression
 * @param subject       keyless: the exact subject (SAN e-mail or URI)
 * @param subjectRegExp keyless: the subject as a regular expression
 * @param rootConfigMap the ConfigMap holding a Sigstore trusted root JSON, or {@code null} for the public-good root
 * @param rootKey       the key in that ConfigMap
 */
public record VerificationSettings(
        String namespace,
        String keySecret,
        String keyName,
        String issuer,
        String issuerRegExp,
        String subject,
        String subjectRegExp,
        String rootConfigMap,
        String rootKey) {

    public VerificationSettings {
        keySecret = blankToNull(keySecret);
        keyName = blankToNull(keyName);
        issuer = blankToNull(issuer);
        issuerRegExp = blankToNull(issuerRegExp);
        subject = blankToNull(subject);
        subjectRegExp = blankToNull(subjectRegExp);
        rootConfigMap = blankToNull(rootConfigMap);
        rootKey = blankToNull(rootKey);
        List<String> problems =
                problems(keySecret, keyName, issuer, issuerRegExp, subject, subjectRegExp, rootConfigMap, rootKey);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Whether this is keyless (Fulcio certificate) verification. */
    public boolean keyless() {
        return keySecret == null;
    }

    /** The annotation form {@code secret:<name>#<key>}. */
    public static VerificationSettings ofKeyReference(String namespace, String reference) {
        String text = reference.strip();
        int hash = text.indexOf('#');
        if (!text.startsWith("secret:") || hash < 0) {
            throw new IllegalArgumentException("\"" + text + "\" is not secret:<name>#<key>");
        }
        return new VerificationSettings(
                namespace, text.substring(7, hash), text.substring(hash + 1), null, null, null, null, null, null);
    }

    /** The annotation form {@code <issuer>|<subject-regexp>}, with an optional {@code configmap:<name>#<key>} root. */
    public static VerificationSettings ofIdentity(String namespace, String identity, String root) {
        String text = identity.strip();
        int bar = text.indexOf('|');
        if (bar <= 0 || bar == text.length() - 1) {
            throw new IllegalArgumentException("\"" + text + "\" is not <issuer>|<subject-regexp>");
        }
        String rootName = null;
        String rootKey = null;
        if (root != null && !root.isBlank()) {
            String ref = root.strip();
            int hash = ref.indexOf('#');
            if (!ref.startsWith("configmap:") || hash < 0) {
                throw new IllegalArgumentException("\"" + ref + "\" is not configmap:<name>#<key>");
            }
            rootName = ref.substring(10, hash);
            rootKey = ref.substring(hash + 1);
        }
        return new VerificationSettings(
                namespace,
                null,
                null,
                text.substring(0, bar).strip(),
                null,
                null,
                text.substring(bar + 1).strip(),
                rootName,
                rootKey);
    }

    private static List<String> problems(
            String keySecret,
            String keyName,
            String issuer,
            String issuerRegExp,
            String subject,
            String subjectRegExp,
            String rootConfigMap,
            String rootKey) {
        List<String> problems = new ArrayList<>();
        boolean key = keySecret != null || keyName != null;
        boolean keyless = issuer != null || issuerRegExp != null || subject != null || subjectRegExp != null;
        if (key && keyless) {
            problems.add("cosignKey and keyless are mutually exclusive");
        } else if (!key && !keyless) {
            problems.add("verification is enabled but neither cosignKey nor keyless is set");
        }
        if (key && (keySecret == null || keyName == null)) {
            problems.add("cosignKey needs both secretName and key");
        }
        if (key && (rootConfigMap != null || rootKey != null)) {
            problems.add("trustedRoot applies to keyless only");
        }
        if (keyless) {
            if ((issuer == null) == (issuerRegExp == null)) {
                problems.add("keyless needs exactly one of issuer and issuerRegExp");
            }
            if ((subject == null) == (subjectRegExp == null)) {
                problems.add("keyless needs exactly one of subject and subjectRegExp");
            }
            regExp(issuerRegExp, "issuerRegExp", problems);
            regExp(subjectRegExp, "subjectRegExp", problems);
        }
        if ((rootConfigMap == null) != (rootKey == null)) {
            problems.add("trustedRoot needs both configMapName and key");
        }
        return problems;
    }

    private static void regExp(String expression, String field, List<String> problems) {
        if (expression == null) {
            return;
        }
        try {
            Pattern.compile(expression);
        } catch (PatternSyntaxException e) {
            problems.add(field + " \"" + expression + "\" is not a regular expression");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
