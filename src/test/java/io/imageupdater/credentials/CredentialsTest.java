package io.imageupdater.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialsTest {

    @Test
    void toStringNeverShowsThePassword() {
        Credentials credentials = new Credentials("robot", "s3cr3t-value");
        assertFalse(credentials.toString().contains("s3cr3t-value"));
        assertTrue(credentials.toString().contains("robot"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "simple          | robot:pw        | robot | pw",
                "colon in secret | robot:p:w:x     | robot | p:w:x",
                "trailing space  | 'robot:pw  '    | robot | pw",
                "empty password  | robot:          | robot | ''",
            })
    void parsesUserAndPassword(String row, String text, String user, String password) {
        Credentials credentials = Credentials.parseUserPass(text, "env:X");
        assertEquals(user, credentials.username());
        assertEquals(password, credentials.password());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no colon      | justasecretvalue",
                "no user       | :justasecretvalue",
            })
    void malformedTextNamesTheSourceNotTheValue(String row, String text) {
        CredentialsException e =
                assertThrows(CredentialsException.class, () -> Credentials.parseUserPass(text, "env:PULL_CREDS"));
        assertTrue(e.getMessage().contains("env:PULL_CREDS"), e.getMessage());
        assertFalse(e.getMessage().contains("justasecretvalue"), e.getMessage());
    }

    @Test
    void emptyTextIsRejected() {
        CredentialsException e = assertThrows(CredentialsException.class, () -> Credentials.parseUserPass("", "env:A"));
        assertTrue(e.getMessage().contains("env:A"));
    }
}
