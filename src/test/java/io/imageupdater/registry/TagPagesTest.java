package io.imageupdater.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The next page of a tag list is the {@code Link} header's target as written, resolved against the page's URL. */
class TagPagesTest {

    private static final URI PAGE = URI.create("https://r.io/v2/a/b/tags/list?n=2");

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "relative next             | '</v2/a/b/tags/list?last=t2&n=2>; rel=\"next\"'               | https://r.io/v2/a/b/tags/list?last=t2&n=2 | -",
                "absolute, other params    | '<https://r.io/v2/a/tags/list?page_token=Q%2Bx&n=5>; rel=next' | https://r.io/v2/a/tags/list?page_token=Q%2Bx&n=5 | -",
                "query-only relative       | '<?page=3>; rel=\"next\"'                                      | https://r.io/v2/a/b/tags/list?page=3 | -",
                "next after prev           | '</p1>; rel=\"prev\", </p3>; rel=\"next\"'                      | https://r.io/p3 | -",
                "rel with several types    | '</p3>; title=\"x\"; rel=\"last next\"'                          | https://r.io/p3 | -",
                "prev only                 | '</v2/a/tags/list?last=a>; rel=\"prev\"'                       | - | -",
                "absent                    | -                                                            | - | -",
                "not http                  | '<ftp://r.io/list>; rel=\"next\"'                              | - | the link is not an http(s) URL",
                "not a URL                 | '<http://r.io/a b>; rel=\"next\"'                              | - | the link is not a valid URL",
                "empty target              | '<>; rel=\"next\"'                                             | - | the link is empty",
            })
    void findsTheNextPage(String row, String header, String expectedUrl, String expectedProblem) {
        TagPages.Next next = TagPages.next(header, PAGE);
        assertEquals(expectedUrl, next.url() == null ? null : next.url().toString());
        assertEquals(expectedProblem, next.problem());
    }
}
