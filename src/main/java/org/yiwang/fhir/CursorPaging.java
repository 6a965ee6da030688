package org.yiwang.fhir;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.BundleProviderWithNamedPages;
import ca.uhn.fhir.rest.server.IPagingProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.method.ResponsePage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Stateless paging of searches (any node of a cluster answers any page): the search id of a next link is the
 * search itself (resource type, parameters, page size; Base64url) and the page id is a cursor after which the
 * next page starts (keyset paging in the modules: the id of the last row shown). Nothing is kept on the server,
 * so no page link expires and no memory grows with the number of searches.
 */
final class CursorPaging implements IPagingProvider {

    /** A search that pages by cursor. */
    interface Search {

        String resourceType();

        /**
         * One page after {@code cursor} (null for the first page) of at most {@code count} resources.
         *
         * @param parameters the search parameters as the provider itself encoded them
         */
        Page page(Map<String, String> parameters, String cursor, int count);
    }

    /** One page and the cursor of the next, null on the last page. */
    record Page(List<? extends IBaseResource> resources, String nextCursor) {
    }

    private final int defaultPageSize;
    private final int maximumPageSize;
    private final Map<String, Search> searches = new LinkedHashMap<>();

    CursorPaging(int defaultPageSize, int maximumPageSize, List<Search> searches) {
        this.defaultPageSize = defaultPageSize;
        this.maximumPageSize = maximumPageSize;
        searches.forEach(s -> this.searches.put(s.resourceType(), s));
    }

    @Override
    public int getDefaultPageSize() {
        return defaultPageSize;
    }

    @Override
    public int getMaximumPageSize() {
        return maximumPageSize;
    }

    /** The page size for a requested {@code _count}: the default when absent, at most the maximum. */
    int pageSize(Integer requested) {
        return pageSize(requested, defaultPageSize, maximumPageSize);
    }

    static int pageSize(Integer requested, int defaultPageSize, int maximumPageSize) {
        if (requested == null || requested <= 0) {
            return defaultPageSize;
        }
        return Math.min(requested, maximumPageSize);
    }

    /** The first page of a search of {@code count} resources per page. */
    static IBundleProvider first(Search search, Map<String, String> parameters, int count) {
        return page(search, new TreeMap<>(parameters), null, count);
    }

    private static IBundleProvider page(Search search, Map<String, String> parameters, String cursor, int count) {
        Page page = search.page(parameters, cursor, count);
        String searchId = encode(search.resourceType(), parameters, count);
        CursorPage bundle = new CursorPage(List.<IBaseResource>copyOf(page.resources()), searchId, cursor == null ? "first" : cursor);
        bundle.setNextPageId(page.nextCursor());
        return bundle;
    }

    @Override
    public IBundleProvider retrieveResultList(RequestDetails request, String searchId) {
        return retrieveResultList(request, searchId, "first");
    }

    @Override
    public IBundleProvider retrieveResultList(RequestDetails request, String searchId, String pageId) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(searchId), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("Unknown page link: '_getpages' is not one this server made.");
        }
        String[] lines = decoded.split("\n", -1);
        Search search = searches.get(lines[0]);
        if (search == null || lines.length < 2 || !lines[1].startsWith("_count=")) {
            throw new InvalidRequestException("Unknown page link: '_getpages' is not one this server made.");
        }
        int count;
        try {
            count = pageSize(Integer.parseInt(lines[1].substring("_count=".length())));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("Unknown page link: '_getpages' is not one this server made.");
        }
        Map<String, String> parameters = new TreeMap<>();
        for (int i = 2; i < lines.length; i++) {
            int equals = lines[i].indexOf('=');
            if (equals > 0) {
                parameters.put(lines[i].substring(0, equals), lines[i].substring(equals + 1).replace("\\n", "\n"));
            }
        }
        return page(search, parameters, "first".equals(pageId) ? null : pageId, count);
    }

    /** Never called for our searches (each answers named pages); nothing is stored. */
    @Override
    public String storeResultList(RequestDetails request, IBundleProvider list) {
        return list.getUuid();
    }

    static String encode(String resourceType, Map<String, String> parameters, int count) {
        StringBuilder text = new StringBuilder(resourceType).append("\n_count=").append(count);
        new TreeMap<>(parameters).forEach((name, value) -> text.append('\n').append(name).append('=')
                .append(value.replace("\n", "\\n")));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A page that is exactly what the search returned: HAPI's offsets within it do not apply. */
    private static final class CursorPage extends BundleProviderWithNamedPages {

        private final List<IBaseResource> resources;

        CursorPage(List<IBaseResource> resources, String searchId, String pageId) {
            super(resources, searchId, pageId, null);
            this.resources = resources;
        }

        @Override
        public List<IBaseResource> getResources(int from, int to, ResponsePage.ResponsePageBuilder builder) {
            return resources;
        }

        @Override
        public List<IBaseResource> getResources(int from, int to) {
            return resources;
        }
    }
}
