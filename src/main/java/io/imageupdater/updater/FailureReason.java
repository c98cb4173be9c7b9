package io.imageupdater.updater;

/**
 * Why an Application or an image failed in a cycle, as a value: reports (ImageUpdater conditions, metrics) read it
 * from here, never from the wording of a message.
 */
public enum FailureReason {
    /** The Application's or resource's settings are invalid (bad annotation, bad constraint). */
    INVALID_SPEC("InvalidSpec"),
    /** The image's tags or metadata could not be read from its registry. */
    REGISTRY_ERROR("RegistryError"),
    /** Writing the decided changes back failed. */
    WRITE_BACK_FAILED("WriteBackFailed"),
    /** The image could not be decided for another reason. */
    IMAGE_ERROR("ImageError"),
    /** The cycle's deadline passed, or this replica lost the leader Lease, before the work was done. */
    ABANDONED("CycleAbandoned"),
    /** A defect: something threw where nothing should. */
    UNEXPECTED("UnexpectedError");

    private final String conditionReason;

    FailureReason(String conditionReason) {
        this.conditionReason = conditionReason;
    }

    /** The reason as an ImageUpdater condition writes it ({@code RegistryError}). */
    public String conditionReason() {
        return conditionReason;
    }
}
