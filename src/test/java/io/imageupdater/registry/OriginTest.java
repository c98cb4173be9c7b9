package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Credentials travel only while scheme, host and port stay the same; messages never show a query. */
class OriginTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "same URL                      | https://r.io/v2/a      | https://r.io/v2/b?x=1     | true",
                "default port written out      | https://r.io/v2/a      | https://R.IO:443/v2/b     | true",
                "http default port             | http://r.io/v2/a       | http://r.io:80/blob       | true",
                "scheme changes                | https://r.io/v2/a      | http://r.io/v2/a          | false",
                "host changes                  | https://r.io/v2/a      | https://cdn.r.io/v2/a     | false",
                "port changes                  | https://r.io/v2/a      | https://r.io:8443/v2/a    | false",
                "loopback, second host         | http://127.0.0.1:5000/ | http://127.0.0.2:5000/    | false",
            })
    void sameOrigin(String row, String a, String b, boolean same) {
        assertEquals(same, Origin.same(URI.create(a), URI.create(b)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "presigned query left out | https://bucket.s3.amazonaws.com/x/sha256:ab?X-Amz-Signature=s3cret | https://bucket.s3.amazonaws.com/x/sha256:ab",
                "user information left out | https://user:pw@cdn.io:8443/blob#frag                          | https://cdn.io:8443/blob",
            })
    void redactedUrlsKeepNoSecrets(String row, String url, String expected) {
        assertEquals(expected, Origin.redact(URI.create(url)));
    }
}
