package org.yiwang.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Read access to the organisations of the county, their network tree, services and consortia. The tree is kept as a
 * materialised path ({@code /root/…/id/}, maintained by the database), so "is A above B" is one primary-key lookup
 * and "the subtree of X" one index range scan. Single-statement reads run without a transaction of their own (a
 * read-only transaction would only add its commit round trip to lookups made on every registration and request);
 * reads of several statements run in one read-only transaction. Summaries by id and served divisions, read on every
 * registration, are kept in memory for a few seconds ({@link OrganisationSummaryCache}).
 */
@Service
public class Organisations {

    private static final String COLUMNS = "id, code, name_zh, name_en, type, parent_id, division_code";

    private final JdbcClient jdbc;
    private final OrganisationSummaryCache cache;

    Organisations(JdbcClient jdbc, @Value("${yiwang.registry.summary-cache-ttl:10s}") Duration summaryCacheTtl) {
        this.jdbc = jdbc;
        this.cache = new OrganisationSummaryCache(summaryCacheTtl, 10_000, System::nanoTime);
    }

    /** One organisation; kept in memory for {@code yiwang.registry.summary-cache-ttl} (see {@link #forgetCached()}). */
    public Optional<OrganisationSummary> findById(long id) {
        return cache.summary(id, () -> jdbc.sql("select " + COLUMNS + " from registry.organisation where id = :id")
                .param("id", id)
                .query(Organisations::map)
                .optional());
    }

    /**
     * Forgets the summaries kept in memory, now and again when the current transaction ends (so that a read made
     * meanwhile from the old row is not kept): called by every change of an organisation's row.
     */
    void forgetCached() {
        cache.forgetAll();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    cache.forgetAll();
                }
            });
        }
    }

    public Optional<OrganisationSummary> findByCode(String code) {
        return jdbc.sql("select " + COLUMNS + " from registry.organisation where code = :code")
                .param("code", code)
                .query(Organisations::map)
                .optional();
    }

    /** Several organisations in one query; unknown ids are left out. Ordered by id. */
    public List<OrganisationSummary> findAllById(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from registry.organisation where id in (:ids) order by id")
                .param("ids", ids)
                .query(Organisations::map)
                .list();
    }

    /** Organisations of one type, ordered by code (so townships and villages come in division order). */
    public List<OrganisationSummary> listByType(OrganisationType type) {
        return jdbc.sql("select " + COLUMNS + " from registry.organisation where type = :type order by code")
                .param("type", type.name())
                .query(Organisations::map)
                .list();
    }

    /** Whether an organisation of {@code type} serves the administrative division {@code divisionCode}. */
    public boolean servesDivision(OrganisationType type, String divisionCode) {
        return cache.serves(type, divisionCode, () -> jdbc.sql(
                        "select exists (select 1 from registry.organisation where type = :type and division_code = :code)")
                .param("type", type.name())
                .param("code", divisionCode)
                .query(Boolean.class)
                .single());
    }

    /** Direct children, ordered by code. */
    public List<OrganisationSummary> childrenOf(long parentId) {
        return jdbc.sql("select " + COLUMNS + " from registry.organisation where parent_id = :parentId order by code")
                .param("parentId", parentId)
                .query(Organisations::map)
                .list();
    }

    /**
     * The organisation followed by its ancestors up to the root, e.g. village clinic, township centre, county
     * hospital, health commission. Empty for an unknown id.
     */
    public List<OrganisationSummary> pathToRoot(long id) {
        return jdbc.sql("""
                        with recursive path (id, depth) as (
                            select id, 0 from registry.organisation where id = :id
                            union all
                            select o.parent_id, p.depth + 1
                            from path p join registry.organisation o on o.id = p.id
                            where o.parent_id is not null and p.depth < 32
                        )
                        select o.id, o.code, o.name_zh, o.name_en, o.type, o.parent_id, o.division_code
                        from path p join registry.organisation o on o.id = p.id
                        order by p.depth
                        """)
                .param("id", id)
                .query(Organisations::map)
                .list();
    }

    /** Every organisation, depth first from the root: each parent followed by its children, siblings by code. */
    public List<OrganisationSummary> listInHierarchyOrder() {
        return jdbc.sql("""
                        with recursive tree (id, sort_path) as (
                            select id, array[(type <> 'HEALTH_COMMISSION')::int || code::text]
                            from registry.organisation where parent_id is null
                            union all
                            select o.id, t.sort_path || o.code::text
                            from tree t join registry.organisation o on o.parent_id = t.id
                            where cardinality(t.sort_path) < 32
                        )
                        select o.id, o.code, o.name_zh, o.name_en, o.type, o.parent_id, o.division_code
                        from tree t join registry.organisation o on o.id = t.id
                        order by t.sort_path
                        """)
                .query(Organisations::map)
                .list();
    }

    public long count() {
        return jdbc.sql("select count(*) from registry.organisation").query(Long.class).single();
    }

    /** Number of organisations of each type; types without any are present with 0. */
    public Map<OrganisationType, Long> countByType() {
        Map<OrganisationType, Long> counts = new EnumMap<>(OrganisationType.class);
        for (OrganisationType type : OrganisationType.values()) {
            counts.put(type, 0L);
        }
        jdbc.sql("select type, count(*) as n from registry.organisation group by type")
                .query((rs, row) -> Map.entry(OrganisationType.valueOf(rs.getString("type")), rs.getLong("n")))
                .list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** Everything about one organisation, with its services. */
    @Transactional(readOnly = true)
    public Optional<OrganisationDetail> detail(long id) {
        Set<ServiceCode> services = servicesOf(id);
        return jdbc.sql("""
                        select id, code, name_zh, name_en, short_name_zh, short_name_en, type, parent_id, division_code,
                               address, latitude, longitude, beds, active, version
                        from registry.organisation where id = :id
                        """)
                .param("id", id)
                .query((rs, row) -> new OrganisationDetail(rs.getLong("id"), rs.getString("code"),
                        rs.getString("name_zh"), rs.getString("name_en"), rs.getString("short_name_zh"),
                        rs.getString("short_name_en"), OrganisationType.valueOf(rs.getString("type")),
                        rs.getObject("parent_id", Long.class), rs.getString("division_code"), rs.getString("address"),
                        rs.getBigDecimal("latitude"), rs.getBigDecimal("longitude"), rs.getObject("beds", Integer.class),
                        rs.getBoolean("active"), rs.getInt("version"), services))
                .optional();
    }

    public Set<ServiceCode> servicesOf(long organisationId) {
        Set<ServiceCode> services = EnumSet.noneOf(ServiceCode.class);
        jdbc.sql("select service from registry.organisation_service where organisation_id = :id")
                .param("id", organisationId)
                .query((rs, row) -> ServiceCode.valueOf(rs.getString(1)))
                .list()
                .forEach(services::add);
        return services;
    }

    /** Active organisations offering a service, ordered by code. */
    public List<OrganisationSummary> offering(ServiceCode service) {
        return jdbc.sql("""
                        select o.id, o.code, o.name_zh, o.name_en, o.type, o.parent_id, o.division_code
                        from registry.organisation_service s join registry.organisation o on o.id = s.organisation_id
                        where s.service = :service and o.active
                        order by o.code
                        """)
                .param("service", service.name())
                .query(Organisations::map)
                .list();
    }

    /**
     * Whether {@code ancestorId} is above {@code descendantId} in the network tree (strictly: an organisation is not
     * above itself). One primary-key lookup.
     */
    public boolean isAbove(long ancestorId, long descendantId) {
        if (ancestorId == descendantId) {
            return false;
        }
        return jdbc.sql("select path from registry.organisation where id = :id")
                .param("id", descendantId)
                .query(String.class)
                .optional()
                .map(path -> path.contains("/" + ancestorId + "/"))
                .orElse(false);
    }

    /** The whole network as a forest: roots are the health commission first, then organisations outside the county. */
    public List<OrganisationNode> tree() {
        return buildTree(jdbc.sql(TREE_ROWS + " order by o.code").query(Organisations::treeRow).list(), null);
    }

    /** The subtree under (and including) one organisation; empty for an unknown id. One index range scan. */
    @Transactional(readOnly = true)
    public Optional<OrganisationNode> subtree(long rootId) {
        Optional<String> path = jdbc.sql("select path from registry.organisation where id = :id")
                .param("id", rootId).query(String.class).optional();
        if (path.isEmpty()) {
            return Optional.empty();
        }
        List<TreeRow> rows = jdbc.sql(TREE_ROWS + " where o.path >= :from and o.path < :to order by o.code")
                .param("from", path.get())
                .param("to", upperBound(path.get()))
                .query(Organisations::treeRow).list();
        List<OrganisationNode> forest = buildTree(rows, rootId);
        return forest.isEmpty() ? Optional.empty() : Optional.of(forest.getFirst());
    }

    /**
     * Organisations that can receive a referral for {@code service} from {@code senderId}: active organisations
     * offering the service that are above the sender in the network tree or beside it in one of its consortia
     * (never below it), nearest in the tree first, then by code. One query.
     */
    @Transactional(readOnly = true)
    public List<ReferralReceiver> receiversFor(ServiceCode service, long senderId) {
        Optional<String> senderPath = jdbc.sql("select path from registry.organisation where id = :id")
                .param("id", senderId).query(String.class).optional();
        if (senderPath.isEmpty()) {
            return List.of();
        }
        record Candidate(OrganisationSummary organisation, String path) {
        }
        List<Candidate> candidates = jdbc.sql("""
                        with candidate (id) as (
                            select other.organisation_id
                            from registry.consortium_member own
                            join registry.consortium_member other on other.consortium_id = own.consortium_id
                            where own.organisation_id = :sender
                            union
                            select cast(a as bigint) from unnest(string_to_array(trim(both '/' from :senderPath), '/')) a
                        )
                        select o.id, o.code, o.name_zh, o.name_en, o.type, o.parent_id, o.division_code, o.path
                        from candidate c
                        join registry.organisation o on o.id = c.id
                        join registry.organisation_service s on s.organisation_id = o.id and s.service = :service
                        where o.active and o.id <> :sender and not (o.path >= :senderPath and o.path < :below)
                        """)
                .param("sender", senderId)
                .param("senderPath", senderPath.get())
                .param("below", upperBound(senderPath.get()))
                .param("service", service.name())
                .query((rs, row) -> new Candidate(map(rs, row), rs.getString("path")))
                .list();
        return candidates.stream()
                .map(c -> new ReferralReceiver(c.organisation(), distance(senderPath.get(), c.path()),
                        senderPath.get().startsWith(c.path())))
                .sorted(Comparator.comparingInt(ReferralReceiver::networkDistance)
                        .thenComparing(r -> r.organisation().code()))
                .toList();
    }

    /** Every consortium with its member count, by type and code. */
    public List<ConsortiumSummary> consortia() {
        return jdbc.sql(CONSORTIUM_SELECT + " order by c.type, c.code").query(Organisations::consortium).list();
    }

    public Optional<ConsortiumSummary> consortium(long consortiumId) {
        return jdbc.sql(CONSORTIUM_SELECT + " where c.id = :id").param("id", consortiumId)
                .query(Organisations::consortium).optional();
    }

    /** The consortia an organisation belongs to, with its role in each. */
    public List<ConsortiumMembership> consortiaOf(long organisationId) {
        return memberships("m.organisation_id = :id", organisationId);
    }

    /** Members of a consortium: the lead first, then by code. */
    public List<ConsortiumMembership> membersOf(long consortiumId) {
        return memberships("m.consortium_id = :id", consortiumId);
    }

    private List<ConsortiumMembership> memberships(String condition, long id) {
        return jdbc.sql("""
                        with counts as (
                            select consortium_id, count(*) as n from registry.consortium_member group by consortium_id
                        )
                        select c.id as c_id, c.code as c_code, c.name_zh as c_name_zh, c.name_en as c_name_en,
                               c.type as c_type, coalesce(n.n, 0) as member_count, m.role,
                               o.id, o.code, o.name_zh, o.name_en, o.type, o.parent_id, o.division_code
                        from registry.consortium_member m
                        join registry.consortium c on c.id = m.consortium_id
                        join registry.organisation o on o.id = m.organisation_id
                        left join counts n on n.consortium_id = c.id
                        where %s
                        order by c.type, c.code, (m.role = 'LEAD') desc, o.code
                        """.formatted(condition))
                .param("id", id)
                .query((rs, row) -> new ConsortiumMembership(
                        new ConsortiumSummary(rs.getLong("c_id"), rs.getString("c_code"), rs.getString("c_name_zh"),
                                rs.getString("c_name_en"), ConsortiumType.valueOf(rs.getString("c_type")),
                                rs.getInt("member_count")),
                        map(rs, row), ConsortiumRole.valueOf(rs.getString("role"))))
                .list();
    }

    private static final String CONSORTIUM_SELECT = """
            select c.id, c.code, c.name_zh, c.name_en, c.type,
                   (select count(*) from registry.consortium_member m where m.consortium_id = c.id) as member_count
            from registry.consortium c
            """;

    private static ConsortiumSummary consortium(ResultSet rs, int row) throws SQLException {
        return new ConsortiumSummary(rs.getLong("id"), rs.getString("code"), rs.getString("name_zh"),
                rs.getString("name_en"), ConsortiumType.valueOf(rs.getString("type")), rs.getInt("member_count"));
    }

    private static final String TREE_ROWS = """
            select o.id, o.code, o.name_zh, o.name_en, o.type, o.parent_id, o.division_code, o.active,
                   coalesce(p.n, 0) as practitioners
            from registry.organisation o
            left join (select organisation_id, count(*) as n from registry.practitioner group by organisation_id) p
                   on p.organisation_id = o.id
            """;

    private record TreeRow(OrganisationSummary organisation, boolean active, long practitioners) {
    }

    private static TreeRow treeRow(ResultSet rs, int row) throws SQLException {
        return new TreeRow(map(rs, row), rs.getBoolean("active"), rs.getLong("practitioners"));
    }

    /** Builds nodes from rows ordered by code; roots are rows whose parent is absent (or {@code rootId}). */
    private static List<OrganisationNode> buildTree(List<TreeRow> rows, Long rootId) {
        Map<Long, List<TreeRow>> children = new HashMap<>();
        List<TreeRow> roots = new ArrayList<>();
        Map<Long, TreeRow> byId = new LinkedHashMap<>();
        rows.forEach(r -> byId.put(r.organisation().id(), r));
        for (TreeRow row : rows) {
            Long parent = row.organisation().parentId();
            boolean root = rootId != null ? row.organisation().id() == rootId : parent == null || !byId.containsKey(parent);
            if (root) {
                roots.add(row);
            } else {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(row);
            }
        }
        roots.sort(Comparator.comparing((TreeRow r) -> r.organisation().type() != OrganisationType.HEALTH_COMMISSION)
                .thenComparing(r -> r.organisation().code()));
        return roots.stream().map(r -> node(r, 0, children)).toList();
    }

    private static OrganisationNode node(TreeRow row, int depth, Map<Long, List<TreeRow>> children) {
        List<OrganisationNode> kids = children.getOrDefault(row.organisation().id(), List.of()).stream()
                .map(child -> node(child, depth + 1, children)).toList();
        return new OrganisationNode(row.organisation(), row.active(), depth, row.practitioners(), kids);
    }

    /** The smallest string above every path that starts with {@code path} (paths hold digits and '/'). */
    static String upperBound(String path) {
        return path.substring(0, path.length() - 1) + "0";
    }

    /** Edges between two organisations in the tree, from their paths. */
    static int distance(String pathA, String pathB) {
        String[] a = pathA.substring(1).split("/");
        String[] b = pathB.substring(1).split("/");
        int common = 0;
        while (common < a.length && common < b.length && a[common].equals(b[common])) {
            common++;
        }
        if (common == 0) {
            // different roots: beyond the county tree, counted through a virtual common root
            return a.length + b.length;
        }
        return a.length + b.length - 2 * common;
    }

    static OrganisationSummary map(ResultSet rs, int row) throws SQLException {
        return new OrganisationSummary(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("name_zh"),
                rs.getString("name_en"),
                OrganisationType.valueOf(rs.getString("type")),
                rs.getObject("parent_id", Long.class),
                rs.getString("division_code"));
    }
}
