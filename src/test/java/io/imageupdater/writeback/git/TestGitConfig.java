package io.imageupdater.writeback.git;

import java.util.Optional;

/** Git write-back settings for a test: the defaults, with the given timeout and push attempts. */
record TestGitConfig(String timeout, int pushAttempts) implements GitConfig {
    @Override
    public String commitUser() {
        return "image-updater";
    }

    @Override
    public String commitEmail() {
        return "noreply@imageupdater.io";
    }

    @Override
    public Optional<String> commitMessagePath() {
        return Optional.empty();
    }

    @Override
    public boolean commitSignOff() {
        return false;
    }

    @Override
    public CommitSigningMethod commitSigningMethod() {
        return CommitSigningMethod.NONE;
    }

    @Override
    public Optional<String> commitSigningKey() {
        return Optional.empty();
    }

    @Override
    public String knownHostsPath() {
        return "/nonexistent/ssh_known_hosts";
    }
}
