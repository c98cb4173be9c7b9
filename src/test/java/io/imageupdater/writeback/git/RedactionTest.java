package io.imageupdater.writeback.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a log line, an error or a status may say of a repository URL: no password, no query string. */
class RedactionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "plain | https://git.example/acme/shop.git | https://git.example/acme/shop.git",
                "password | https://bot:s3cret@git.example/shop.git | https://***@git.example/shop.git",
                "query token | https://git.example/shop.git?access_token=t0k3n | https://git.example/shop.git?***",
                "both | https://bot:s3cret@git.example/shop.git?access_token=t0k3n&x=1 | https://***@git.example/shop.git?***",
                "in a message | push to https://git.example/s.git?private_token=abc failed: 401 | push to https://git.example/s.git?*** failed: 401",
                "ssh | ssh://git@git.example:22/shop.git | ssh://git@git.example:22/shop.git"
            })
    void urlsLoseTheirSecrets(String name, String url, String shown) {
        assertEquals(shown, Redaction.url(url));
    }
}
