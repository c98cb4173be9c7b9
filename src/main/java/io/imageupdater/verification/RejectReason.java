package io.imageupdater.verification;

/** Why a candidate image is not eligible under a verification policy; {@link #text()} is what reports show. */
public enum RejectReason {
    UNSIGNED("unsigned"),
    BAD_SIGNATURE("bad signature"),
    WRONG_IDENTITY("wrong identity"),
    DIGEST_MISMATCH("digest mismatch");

    private final String text;

    RejectReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** How much a reason says: with several signatures, the most telling failure is reported. */
    int weight() {
        return switch (this) {
            case UNSIGNED -> 0;
            case BAD_SIGNATURE -> 1;
            case WRONG_IDENTITY -> 2;
            case DIGEST_MISMATCH -> 3;
        };
    }
}
