package io.imageupdater.writeback.git;

import java.util.Optional;

/** Git write-back settings for a test: the defaults, signing commits as given. */
record SigningGitConfig(CommitSigningMethod commitSigningMethod, Optional<String> commitSigningKey)
        implements GitConfig {
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
    public String knownHostsPath() {
        return "/nonexistent/ssh_known_hosts";
    }

    @Override
    public int pushAttempts() {
        return 3;
    }

    @Override
    public String timeout() {
        return "30s";
    }
}
