package org.yiwang.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.hl7.fhir.r4.model.Organization;
import org.junit.jupiter.api.Test;

class CursorPagingTests {

    /** 25 organisations with ids 1..25 paged by id, recording what each call was asked. */
    static final class Numbers implements CursorPaging.Search {

        final List<String> calls = new ArrayList<>();

        @Override
        public String resourceType() {
            return "Organization";
        }

        @Override
        public CursorPaging.Page page(Map<String, String> parameters, String cursor, int count) {
            calls.add(parameters + " after " + cursor + " x" + count);
            long after = cursor == null ? 0 : Long.parseLong(cursor);
            List<Organization> rows = LongStream.rangeClosed(after + 1, Math.min(25, after + count))
                    .mapToObj(id -> (Organization) new Organization().setName("机构" + id).setId("Organization/" + id))
                    .toList();
            return new CursorPaging.Page(rows, after + count < 25 ? Long.toString(after + count) : null);
        }
    }

    @Test
    void followsNextPageIdsFromTheSearchIdAloneUntilTheLastPage() {
        Numbers search = new Numbers();
        CursorPaging paging = new CursorPaging(20, 100, List.of(search));

        IBundleProvider first = CursorPaging.first(search, Map.of("name", "卫生\n院"), 10);
        List<String> ids = new ArrayList<>(first.getResources(0, 10).stream()
                .map(r -> r.getIdElement().getIdPart()).toList());
        String next = first.getNextPageId();
        while (next != null) {
            IBundleProvider page = paging.retrieveResultList(null, first.getUuid(), next);
            ids.addAll(page.getResources(0, 3).stream().map(r -> r.getIdElement().getIdPart()).toList());
            next = page.getNextPageId();
        }

        assertThat(ids).hasSize(25).doesNotHaveDuplicates();
        assertThat(search.calls).containsExactly("{name=卫生\n院} after null x10", "{name=卫生\n院} after 10 x10",
                "{name=卫生\n院} after 20 x10");
    }

    @Test
    void boundsThePageSizeByTheMaximumAndDefaultsIt() {
        assertThat(CursorPaging.pageSize(null, 20, 100)).isEqualTo(20);
        assertThat(CursorPaging.pageSize(0, 20, 100)).isEqualTo(20);
        assertThat(CursorPaging.pageSize(7, 20, 100)).isEqualTo(7);
        assertThat(CursorPaging.pageSize(100_000, 20, 100)).isEqualTo(100);
    }

    @Test
    void refusesPageLinksItDidNotMake() {
        CursorPaging paging = new CursorPaging(20, 100, List.of(new Numbers()));

        assertThatThrownBy(() -> paging.retrieveResultList(null, "not base64 !", "1"))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> paging.retrieveResultList(null,
                CursorPaging.encode("Patient", Map.of(), 20), "1"))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> PractitionerProvider.cursorValue("x"))
                .isInstanceOf(InvalidRequestException.class);
    }
}
