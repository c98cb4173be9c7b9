package io.imageupdater.verification;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Who must have signed, for Fulcio-certified (keyless) signatures: the OIDC issuer (exact or by regular expression)
 * and the certificate's subject (its SAN: e-mail or URI, exact or by regular expression). Expressions match the whole
 * value. Validates in its constructor: one form of each, expressions compile.
 */
public record KeylessIdentity(String issuer, String issuerRegExp, String subject, String subjectRegExp) {

    public KeylessIdentity {
        issuer = blankToNull(issuer);
        issuerRegExp = blankToNull(issuerRegExp);
        subject = blankToNull(subject);
        subjectRegExp = blankToNull(subjectRegExp);
        if ((issuer == null) == (issuerRegExp == null)) {
            throw new IllegalArgumentException("keyless needs exactly one of issuer and issuerRegExp");
        }
        if ((subject == null) == (subjectRegExp == null)) {
            throw new IllegalArgumentException("keyless needs exactly one of subject and subjectRegExp");
        }
        compile(issuerRegExp, "issuerRegExp");
        compile(subjectRegExp, "subjectRegExp");
    }

    /** The annotation form {@code <issuer>|<subject-regexp>}. */
    public static KeylessIdentity parse(String text) {
        int bar = text == null ? -1 : text.indexOf('|');
        if (bar <= 0 || bar == text.length() - 1) {
            throw new IllegalArgumentException("\"" + text + "\" is not <issuer>|<subject-regexp>");
        }
        return new KeylessIdentity(
                text.substring(0, bar).strip(),
                null,
                null,
                text.substring(bar + 1).strip());
    }

    /** Whether a certificate's issuer and subject are the ones wanted. */
    public boolean matches(String certIssuer, String certSubject) {
        return certIssuer != null
                && certSubject != null
                && (issuer != null
                        ? issuer.equals(certIssuer)
                        : Pattern.compile(issuerRegExp).matcher(certIssuer).find())
                && (subject != null
                        ? subject.equals(certSubject)
                        : Pattern.compile(subjectRegExp).matcher(certSubject).find());
    }

    @Override
    public String toString() {
        return (issuer != null ? issuer : "~" + issuerRegExp) + "|" + (subject != null ? subject : "~" + subjectRegExp);
    }

    private static void compile(String expression, String field) {
        if (expression == null) {
            return;
        }
        try {
            Pattern.compile(expression);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    field + " \"" + expression + "\" is not a regular expression: " + e.getDescription());
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
