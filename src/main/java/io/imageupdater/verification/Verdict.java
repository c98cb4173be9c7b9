package io.imageupdater.verification;

/**
 * The outcome of verifying one image digest under one policy.
 *
 * @param reason why it is rejected, or {@code null} when verified
 * @param detail what was found, for logs and status (never a key or a credential)
 * @param cached whether this verdict was remembered rather than checked just now
 */
public record Verdict(RejectReason reason, String detail, boolean cached) {

    public static Verdict verified(String detail) {
        return new Verdict(null, detail, false);
    }

    public static Verdict rejected(RejectReason reason, String detail) {
        return new Verdict(reason, detail, false);
    }

    /** This verdict as remembered. */
    Verdict remembered() {
        return new Verdict(reason, detail, true);
    }

    public boolean verified() {
        return reason == null;
    }

    /** The metric label: {@code verified} or the reason's text. */
    public String result() {
        return reason == null ? "verified" : reason.text();
    }

    /** The more telling of two rejections. */
    Verdict worse(Verdict other) {
        if (other == null || other.verified()) {
            return this;
        }
        return other.reason.weight() > reason.weight() ? other : this;
    }
}
